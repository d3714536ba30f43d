using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Demo;

/// <summary>
/// A month's rush-hour hot spots: permanent bottlenecks, stronger or weaker by month, plus this month's road works;
/// and the weekend's own: shopping streets and roads out of town, a few stretches each month.
/// </summary>
internal sealed class HotSpots
{
    private HotSpots(double[] peakExtraSeconds, double[] weekendExtraSeconds, IReadOnlySet<Line> badLines)
    {
        PeakExtraSeconds = peakExtraSeconds;
        WeekendExtraSeconds = weekendExtraSeconds;
        BadLines = badLines;
    }

    private const int MinimumLinesForABadOne = 4;

    /// <summary>
    /// The lines having a bad month (a shortage of drivers or vehicles): one line (not a trunk or night line) per operator
    /// with at least four such lines, drawn per month by the seed. Their journeys often start minutes late and more of them are cancelled (<see cref="OperatingDaySimulation"/>),
    /// so their month-by-month punctuality shows a dip.
    /// </summary>
    public IReadOnlySet<Line> BadLines { get; }

    public double[] PeakExtraSeconds { get; }

    public double[] WeekendExtraSeconds { get; }

    public double[] ExtraSeconds(DayType dayType) => dayType == DayType.Weekday ? PeakExtraSeconds : WeekendExtraSeconds;

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
        // Drawn from a stream of their own, so the weekday hot spots stay as they were before weekends had theirs.
        var weekendRandom = Seeds.For(seed, Seeds.Weekend, year, month);
        var weekend = new double[network.Stretches.Count];
        foreach (var stretch in network.Stretches)
        {
            weekend[stretch.Index] = stretch.Central && weekendRandom.NextDouble() < 0.12 ? 60 + weekendRandom.NextDouble() * 120 : 0;
        }
        return new HotSpots(extra, weekend, BadLinesOf(network, seed, year, month));
    }

    private static HashSet<Line> BadLinesOf(Network network, int seed, int year, int month)
    {
        // A stream of its own, so the hot spots stay as they were before there were bad months.
        var random = Seeds.For(seed, Seeds.BadMonth, year, month);
        var bad = new HashSet<Line>();
        foreach (var op in network.Operators)
        {
            // Not a trunk line, and only where there are a few others: the bad month is a line's, not the whole network's.
            var lines = network.Lines.Where(l => l.Operator == op && l.Level is not (ServiceLevel.Trunk or ServiceLevel.Night)).ToList();
            if (lines.Count >= MinimumLinesForABadOne)
            {
                bad.Add(lines[random.Next(lines.Count)]);
            }
        }
        return bad;
    }

    /// <summary>0..1 by local time: full 07:15-08:45 and 15:15-16:45 on weekdays, Saturday shopping 12:00-15:00, Sunday trips home 15:00-17:30.</summary>
    public static double RushProfile(DayType dayType, int localSeconds)
    {
        var hours = localSeconds / 3600.0;
        return dayType switch
        {
            DayType.Weekday => Math.Max(Plateau(hours, 7.25, 8.75), Plateau(hours, 15.25, 16.75)),
            DayType.Saturday => 0.8 * Plateau(hours, 12, 15),
            _ => 0.6 * Plateau(hours, 15, 17.5),
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
