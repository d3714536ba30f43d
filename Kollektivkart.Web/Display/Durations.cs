using System.Globalization;

namespace Kollektivkart.Web.Display;

/// <summary>Seconds as people read them: "45 s", "3 min 10 s", and signed for delays ("+1 min 5 s").</summary>
public static class Durations
{
    public static string Format(double seconds)
    {
        var total = (long)Math.Round(Math.Abs(seconds));
        var text = total < 60
            ? $"{total} s"
            : total % 60 == 0 ? $"{total / 60} min" : $"{total / 60} min {total % 60} s";
        return seconds < 0 && total > 0 ? "\u2212" + text : text;
    }

    public static string Signed(double seconds) =>
        Math.Round(seconds) > 0 ? "+" + Format(seconds) : Format(seconds);

    /// <summary>Vehicle time (an impact, in vehicle-seconds) to the minute once it passes an hour: "42 min 10 s", "11 h 7 min".</summary>
    public static string VehicleTime(long seconds)
    {
        if (seconds < 3600)
        {
            return Format(seconds);
        }
        var minutes = (long)Math.Round(seconds / 60.0);
        return minutes % 60 == 0 ? $"{minutes / 60:N0} h" : $"{minutes / 60:N0} h {minutes % 60} min";
    }

    /// <summary>Rush intensity always with its one decimal (data-model.md section 5): "3.0" beside "3.9", never "3".</summary>
    public static string RushIntensity(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
