using Kollektivkart.Data.Site;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Display;

/// <summary>
/// What a map view shows: heading, choices, the colour legend, markers and the same rows as a
/// table (hot spots and legs over <see cref="LegStatRow"/>, month to month over <see cref="ComparisonRow"/>).
/// </summary>
public sealed record StretchView<T>(
    string Heading, string Summary, Selectors Selectors, Table<T> Table, string MapUrl, string CsvUrl, ColourScale Scale, FeedLink? Feed = null)
{
    /// <summary>What the rows' links carry: the view's month (the later one of a comparison), hour and day type.</summary>
    public ViewedAt At => Selectors.State.At;

    /// <summary>What the live region says when the view is swapped in: how many stretches, and the heading.</summary>
    public string Announcement => $"{Plural.Of(Table.Count, "stretch")}: {Heading}";

    /// <summary>False for a comparison of the first month: there was nothing to compare with, and the summary says so.</summary>
    public bool Compared { get; init; } = true;

    /// <summary>The link to every row, when the table shows only the first screenful of them.</summary>
    public MoreRows? More => Table.IsCut
        ? new MoreRows(Table.Shown.Count, Table.Count, Table.WithSort((Selectors.State with { AllRows = true }).Url))
        : null;
}

/// <summary>"Show all": a plain link (no JavaScript needed) to the same view with every row, in the same order.</summary>
public sealed record MoreRows(int Shown, int Total, string Href);

/// <summary>The sortable columns of the map views' tables; the keys are what <c>sort</c> takes.</summary>
public static class StretchColumns
{
    public static readonly IReadOnlyList<SortColumn<LegStatRow>> LegStats =
    [
        new("name", "Stretch", r => r.Name, Numeric: false),
        new("operator", "Operator", r => r.DataSource, Numeric: false),
        new("rush_intensity", "Rush intensity", r => r.RushIntensity),
        new("hourly_duration", "Typical time this hour", r => r.HourlyDuration),
        new("hourly_quartile", "Slowest quarter from", r => r.HourlyQuartile),
        new("monthly_duration", "Typical time all day", r => r.MonthlyDuration),
        new("mean_hourly_duration", "Mean this hour", r => r.MeanHourlyDuration),
        new("mean_monthly_duration", "Mean all day", r => r.MeanMonthlyDuration),
        new("hourly_delay", "Delay at stop", r => r.HourlyDelay),
        new("hourly_deviation", "Delay added", r => r.HourlyDeviation),
        new("hourly_count", "Vehicles this hour", r => r.HourlyCount),
        new("monthly_count", "Vehicles in month", r => r.MonthlyCount),
    ];

    public static readonly IReadOnlyList<SortColumn<ComparisonRow>> Comparison =
    [
        new("name", "Stretch", r => r.Name, Numeric: false),
        new("operator", "Operator", r => r.DataSource, Numeric: false),
        // One change people read, seconds and percent of the earlier month; ranked by size either way (data-model.md
        // section 5: the share of both means). The share and the rounded percent are in the CSV.
        new("change", "Change in mean time", r => Math.Abs(r.NetChangeProportion)),
        new("cur_mean", "Mean now", r => r.Current.MeanHourlyDuration),
        new("prev_mean", "Mean before", r => r.Previous.MeanHourlyDuration),
        new("cur_delay", "Delay now", r => r.Current.HourlyDelay),
        new("prev_delay", "Delay before", r => r.Previous.HourlyDelay),
        new("cur_count", "Vehicles now", r => r.Current.HourlyCount),
        new("prev_count", "Vehicles before", r => r.Previous.HourlyCount),
    ];
}

/// <summary>How a comparison row's mean travel time changed, as people read it.</summary>
public static class ComparisonChange
{
    /// <summary>"+42 s (+12.5 %)": the change in seconds and in percent of the earlier month's mean, to one decimal.</summary>
    public static string Text(ComparisonRow r) =>
        $"{Durations.Signed(r.NetChangeSeconds)} ({Percent(r)})";

    private static string Percent(ComparisonRow r)
    {
        var percent = r.Previous.MeanHourlyDuration == 0 ? 0 : 100.0 * r.NetChangeSeconds / r.Previous.MeanHourlyDuration;
        var text = Math.Abs(percent).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        return text == "0.0" ? "0.0 %" : (percent > 0 ? "+" : "\u2212") + text + " %";
    }
}

/// <summary>
/// A sortable table under a caption, its stretches linked as looked <see cref="At"/>. <see cref="Key"/> names it in its
/// page (its sort links' ids, by which htmx gives the focus back to the link after the sorted view is swapped in).
/// </summary>
public sealed record CaptionedTable<T>(string Caption, Table<T> Table, ViewedAt At, string Key = "stretches");
