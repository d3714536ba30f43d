using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Pages.Stretches;

/// <summary>What a stretch page shows; <see cref="Operators"/> each have their own series, never merged.</summary>
public sealed record StretchPage(
    Stretch Stretch,
    PageSelectors Selectors,
    IReadOnlyList<OperatorHistory> Operators,
    IReadOnlyList<LineSummary> Lines,
    string? ReverseUrl,
    MapData Map)
{
    public string Title => $"{Stretch.FromStop} to {Stretch.ToStop}";

    public string HourLabel => Selection.Selectors.HourLabel(Selectors.Hour);

    public string DayLabel => Selectors.DayType.Label().ToLowerInvariant();

    public string FromUrl => StretchFacts.StopHref(Stretch.FromStopId, Selectors.Month, Selectors.Hour, Selectors.DayType);

    public string ToUrl => StretchFacts.StopHref(Stretch.ToStopId, Selectors.Month, Selectors.Hour, Selectors.DayType);

    public string CsvUrl => Selectors.Current + "&handler=csv";

    public string LineUrl(LineSummary line) => StretchFacts.LineHref(line.DataSource, line.LineRef, Selectors.Month, Selectors.Hour, Selectors.DayType);

    /// <summary>The rows of every table on the page, as the CSV download has them.</summary>
    public IEnumerable<StretchCsv> CsvRows => Operators.SelectMany(o =>
        o.Months.Select(m => new StretchCsv("history", o.Code, m.Month, Selectors.Hour,
                m.Stats?.HourlyDuration, m.Stats?.HourlyQuartile, m.Stats?.HourlyCount,
                m.Stats?.MonthlyDuration, m.Stats?.MonthlyQuartile, m.Stats?.MonthlyCount))
            .Concat(o.Hours.Select(h => new StretchCsv("profile", o.Code, Selectors.Month, h.Hour,
                h.HourlyDuration, h.HourlyQuartile, h.HourlyCount, null, null, null))));
}

/// <summary>
/// One operator on the stretch: every offered month from the stretch's first to its last with statistics on the day
/// type (<c>Stats</c> null where this operator has none), and the chosen month's hours.
/// </summary>
public sealed record OperatorHistory(
    string Code, string Name, IReadOnlyList<(DateOnly Month, StretchMonth? Stats)> Months, IReadOnlyList<StretchHour> Hours)
{
    /// <summary>Months where the chosen hour has statistics: fewer than two draw no line worth reading.</summary>
    public int MonthsWithHour => Months.Count(m => m.Stats?.HourlyDuration is not null);

    public ChartData HistoryChart(string hourLabel) => new(
        Months.Select(m => MapState.MonthValue(m.Month)).ToList(),
        [
            new ChartSeries($"Median, {hourLabel}", Months.Select(m => (double?)m.Stats?.HourlyDuration).ToList(), "line", "#0072B2"),
            new ChartSeries($"75th percentile, {hourLabel}", Months.Select(m => (double?)m.Stats?.HourlyQuartile).ToList(), "line", "#D55E00"),
            new ChartSeries("Median over the whole day", Months.Select(m => (double?)m.Stats?.MonthlyDuration).ToList(), "line", "#009E73"),
        ],
        "seconds", "month", "line");

    public ChartData ProfileChart => new(
        Hours.Select(h => $"{h.Hour:00}").ToList(),
        [
            new ChartSeries("Median", Hours.Select(h => (double?)h.HourlyDuration).ToList(), "bar", "#0072B2"),
            new ChartSeries("75th percentile", Hours.Select(h => (double?)h.HourlyQuartile).ToList(), "line", "#D55E00"),
        ],
        "seconds", "hour of day");
}

/// <summary>
/// A row of a stretch page's CSV: <c>history</c> rows are the month-by-month table (the chosen hour and the whole
/// day), <c>profile</c> rows the chosen month's hours; an empty cell is what the page shows as a dash.
/// </summary>
public sealed record StretchCsv(
    string Table, string DataSource, DateOnly Month, int Hour, int? HourlyDuration, int? HourlyQuartile, long? HourlyCount,
    int? MonthlyDuration, int? MonthlyQuartile, long? MonthlyCount)
{
    public static readonly IReadOnlyList<Column<StretchCsv>> Columns =
    [
        new("table", r => r.Table),
        new("data_source", r => r.DataSource),
        new("month", r => MapState.MonthValue(r.Month)),
        new("hour", r => r.Hour),
        new("hourly_duration", r => (object?)r.HourlyDuration ?? ""),
        new("hourly_quartile", r => (object?)r.HourlyQuartile ?? ""),
        new("hourly_count", r => (object?)r.HourlyCount ?? ""),
        new("monthly_duration", r => (object?)r.MonthlyDuration ?? ""),
        new("monthly_quartile", r => (object?)r.MonthlyQuartile ?? ""),
        new("monthly_count", r => (object?)r.MonthlyCount ?? ""),
    ];
}
