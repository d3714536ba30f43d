using System.Globalization;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Display;

/// <summary>
/// Punctuality's shares as pages write them (data-model.md section 9): a percentage with one decimal ("84.0 %", "7.4 %"),
/// or, with fewer than <see cref="PunctualityFigures.MinObserved"/> observed departures, a dash whose reason is said
/// (<see cref="DashReason"/>); never 0 or 100 % for want of data.
/// </summary>
public static class Shares
{
    public const string Dash = "\u2013";

    /// <summary>Why a figure is a dash, as a table's note and the dash's title say it.</summary>
    public static string DashReason => "\u2013 fewer than " + PunctualityFigures.MinObserved + " observed departures: too few to give a share";

    /// <summary>A share (0-1) as a percentage with one decimal, or null when it is not shown.</summary>
    public static string? Percent(double? share) =>
        share is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "\u00a0%" : null;

    /// <summary>A share (0-1) for a CSV or the API: a fraction with 4 decimals, or empty.</summary>
    public static string Csv(double? share) =>
        share is { } value ? Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";

    /// <summary>A delay in seconds as a signed duration ("+1 min 35 s"), or null when it is not shown.</summary>
    public static string? Delay(int? seconds) => seconds is { } value ? Durations.Signed(value) : null;
}
