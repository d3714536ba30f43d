namespace Kollektivkart.Data.Demo;

/// <summary>A month's rush-hour hot spots: permanent bottlenecks, stronger or weaker by month, plus this month's road works.</summary>
internal sealed class HotSpots
{
    private HotSpots(double[] peakExtraSeconds) => PeakExtraSeconds = peakExtraSeconds;

    public double[] PeakExtraSeconds { get; }

    public static HotSpots ForMonth(Network network, int seed, int year, int month)
    {
        var random = Seeds.For(seed, Seeds.Month, year, month);
        var extra = new double[network.Stretches.Count];
        foreach (var stretch in network.Stretches)
        {
            var strength = stretch.Bottleneck * (0.5 + random.NextDouble());
            if (random.NextDouble() < 0.04)
            {
                strength += 40 + random.NextDouble() * 140;
            }
            extra[stretch.Index] = strength;
        }
        return new HotSpots(extra);
    }

    /// <summary>0..1 by local time: full 07:15-08:45 and 15:15-16:45 on weekdays, no weekend rush but a mild Saturday shopping bulge.</summary>
    public static double RushProfile(DayType dayType, int localSeconds)
    {
        var hours = localSeconds / 3600.0;
        return dayType switch
        {
            DayType.Weekday => Math.Max(Plateau(hours, 7.25, 8.75), Plateau(hours, 15.25, 16.75)),
            DayType.Saturday => 0.25 * Plateau(hours, 11.5, 14.5),
            _ => 0,
        };
    }

    private static double Plateau(double hours, double from, double to)
    {
        const double ramp = 0.5;
        if (hours < from - ramp || hours > to + ramp)
        {
            return 0;
        }
        if (hours < from)
        {
            return (hours - (from - ramp)) / ramp;
        }
        return hours > to ? (to + ramp - hours) / ramp : 1;
    }
}
