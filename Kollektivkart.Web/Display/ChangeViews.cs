using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Display;

/// <summary>
/// The changes view: heading, choices, the notices that come before any figure (a provisional month, a missing
/// baseline), how many stretches got slower and faster, and the stretches as markers and a sortable table.
/// <see cref="Compared"/> is false when the baseline holds no statistics: then nothing was measured.
/// </summary>
public sealed record ChangesView(
    string Heading, Selectors Selectors, IReadOnlyList<string> Notices, string Summary,
    Table<StretchChange> Table, MapData Map, string CsvUrl, ColourScale Scale, bool Compared)
{
    public DayType DayType => Selectors.State.DayType;

    public static string KindLabel(ChangeKind kind) => kind == ChangeKind.Regressed ? "\u25b2 Slower" : "\u25bc Faster";

    public static string Hours(StretchChange change) => string.Join(", ", change.Hours.Select(h => h.Hour.ToString("00")));

    /// <summary>The hour whose change weighs most: the one the stretch page opens at.</summary>
    public static HourChange LargestHour(StretchChange change) => change.Hours.MaxBy(h => h.Impact)!;

    /// <summary>The largest change of travel time among the stretch's hours, signed.</summary>
    public static int LargestDelta(StretchChange change) => change.Hours.MaxBy(h => Math.Abs(h.Delta))!.Delta;

    public static long LegsNow(StretchChange change) => change.Hours.Sum(h => h.Count);

    /// <summary>The stretch page at the month, the stretch's largest-impact hour and the day type shown.</summary>
    public static string StretchHref(StretchChange change, DateOnly month, DayType dayType) =>
        StretchFacts.StretchHref(change.FromStopId, change.ToStopId, month, LargestHour(change).Hour, dayType);

    /// <summary>A marker per stretch: red slower, blue faster; its area grows with the impact, relative to the largest shown.</summary>
    public static MapData Markers(IReadOnlyList<StretchChange> changes, DateOnly month, DayType dayType)
    {
        var largest = Math.Max(1, changes.Count == 0 ? 1 : changes.Max(c => c.Impact));
        return new MapData(changes.Select(c => MapMarker.ForStretch(c.Lat, c.Lon,
            ColourScale.ChangeKind.ColourOf(c.Kind == ChangeKind.Regressed ? 1 : -1),
            4 + (int)Math.Round(8 * Math.Sqrt((double)c.Impact / largest)),
            Facts(c),
            new StretchRef(c.FromStopId, c.FromStop, c.ToStopId, c.ToStop, new ViewedAt(month, LargestHour(c).Hour, dayType))))
            .ToList());
    }

    private static IReadOnlyList<string[]> Facts(StretchChange c) =>
    [
        ["Operator", c.DataSource],
        ["Change", KindLabel(c.Kind)],
        ["Impact, vehicle time", Durations.VehicleTime(c.Impact)],
        .. c.Hours.Select(h => new[]
        {
            Selectors.HourLabel(h.Hour),
            $"{Durations.Signed(h.Delta)}: typical {Durations.Format(h.BaselineDuration)} \u2192 {Durations.Format(h.Duration)}, {Plural.Of(h.Count, "vehicle")}",
        }),
    ];
}

/// <summary>The sortable columns of the changes table; the keys are what <c>sort</c> takes.</summary>
public static class ChangeColumns
{
    public const string Impact = "impact";

    public static readonly IReadOnlyList<SortColumn<StretchChange>> All =
    [
        new("name", "Stretch", r => r.Name, Numeric: false),
        new("operator", "Operator", r => r.DataSource, Numeric: false),
        new("kind", "Change", r => r.Kind == ChangeKind.Regressed ? "slower" : "faster", Numeric: false),
        new("hours", "Hours", r => ChangesView.Hours(r), Numeric: false),
        new("delta", "Largest change of typical time", r => Math.Abs(ChangesView.LargestDelta(r))),
        new(Impact, "Impact, vehicle time", r => r.Impact),
        new("legs", "Vehicles those hours", r => ChangesView.LegsNow(r)),
    ];
}
