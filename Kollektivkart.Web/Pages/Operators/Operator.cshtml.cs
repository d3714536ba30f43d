using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Operators;

/// <summary>An operator page's address (<c>/operators/ATB?month=2025-02&amp;day=saturday</c>); a weekday is left out as everywhere else.</summary>
public static class OperatorPage
{
    public static string Path(string dataSource) => "/operators/" + MapState.Segment(dataSource);

    public static string Href(string dataSource, DateOnly month, DayType dayType) =>
        $"{Path(dataSource)}?month={MapState.MonthValue(month)}{(dayType == DayType.Weekday ? "" : "&" + MapState.DayQuery(dayType))}";
}

/// <summary>
/// The month and day form of a page over whole days (an operator's): it submits to the page's own address, so every
/// choice is a link (<c>?month=2025-02&amp;day=saturday</c>).
/// </summary>
public sealed record MonthDaySelectors(string Action, IReadOnlyList<DateOnly> Months, DateOnly Month, DayType DayType)
{
    public string Url(DateOnly month) =>
        $"{Action}?month={MapState.MonthValue(month)}{(DayType == DayType.Weekday ? "" : "&" + MapState.DayQuery(DayType))}";

    public string Current => Url(Month);

    /// <summary>What the page's live region says when a choice swaps the view in.</summary>
    public string Announcement(string page) => $"{page}: {Choices.Format(Month)}, {DayType.Label()}";
}

/// <summary>
/// One line of the operator in the chosen month, with its label from the line list; a line without stretches with
/// statistics has no line page (no <see cref="Href"/>) and is named by its lineRef.
/// </summary>
public sealed record OperatorLineRow(LineSummary Line, PunctualityFigures Figures, string? Href);

/// <summary>
/// One operator's punctuality (data-model.md section 9), the whole day of the chosen day type: month by month (chart
/// and table), the rail figure, its lines worst first and its stops with the most very late departures.
/// </summary>
public sealed class OperatorModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public OperatorView View { get; private set; } = null!;

    public IActionResult OnGet(string dataSource, string? month) =>
        Load(dataSource, month, out var problem) ? PageOrFragment("_OperatorView", View) : problem!;

    /// <summary>Each table as CSV: <c>?handler=csv&amp;table=months|lines|stops</c>.</summary>
    public IActionResult OnGetCsv(string dataSource, string? month, string? table)
    {
        if (!Load(dataSource, month, out var problem))
        {
            return problem!;
        }
        var name = $"operator-{View.Source.Code}-{table}-{MapState.MonthValue(View.Selectors.Month)}{(DayType == DayType.Weekday ? "" : "-" + DayType.Name())}";
        return table switch
        {
            "months" => Csv.File(OperatorView.MonthColumns, View.Months, name),
            "lines" => Csv.File(OperatorView.LineColumns, View.Lines, name),
            "stops" => Csv.File(OperatorView.StopColumns, View.Stops, name),
            _ => Problem($"There is no table \u201c{table}\u201d: use table=months, table=lines or table=stops.", StatusCodes.Status400BadRequest),
        };
    }

    private bool Load(string dataSource, string? month, out IActionResult? problem)
    {
        var source = Choices.DataSource(dataSource);
        if (!source.IsOk)
        {
            problem = Problem(source.Problem!);
            return false;
        }
        if (!TryReadMonthAndHour(month, null, out var chosen, out _, out problem))
        {
            return false;
        }
        var code = source.Value.Code;
        var db = Choices.Database;
        var months = PunctualityQueries.OperatorMonths(db, code, DayType, Choices.Months[0], Choices.Months[^1]);
        var labels = LineQueries.Lines(db, code);
        var order = labels.Select((l, i) => (l.LineRef, i)).ToDictionary(p => p.LineRef, p => p.i);
        var known = labels.ToDictionary(l => l.LineRef);
        // Worst first; lines with too few observed departures at the end, in the line list's order.
        var lines = PunctualityQueries.Lines(db, code, chosen, DayType, null)
            .Select(l => known.TryGetValue(l.LineRef, out var line)
                ? new OperatorLineRow(line, l.Figures, StretchFacts.LineHref(code, l.LineRef, chosen, Choices.DefaultHour, DayType))
                : new OperatorLineRow(new LineSummary(code, l.LineRef, l.LineRef), l.Figures, null))
            .OrderBy(l => l.Figures.OnTimeShare is null)
            .ThenBy(l => l.Figures.OnTimeShare)
            .ThenBy(l => order.GetValueOrDefault(l.Line.LineRef, int.MaxValue))
            .ThenBy(l => l.Line.LineRef, StringComparer.Ordinal)
            .ToList();
        var stops = PunctualityQueries.OperatorStops(db, code, chosen, DayType);
        View = new OperatorView(source.Value, new MonthDaySelectors(OperatorPage.Path(code), Choices.Months, chosen, DayType), months, lines, stops);
        return true;
    }
}

/// <summary>What an operator page shows.</summary>
public sealed record OperatorView(
    DataSource Source,
    MonthDaySelectors Selectors,
    IReadOnlyList<OperatorMonth> Months,
    IReadOnlyList<OperatorLineRow> Lines,
    IReadOnlyList<StopPunctuality> Stops)
{
    public static readonly IReadOnlyList<Column<OperatorMonth>> MonthColumns =
    [
        new("month", m => MapState.MonthValue(m.Month)),
        new("planned", m => m.Figures.Planned),
        new("observed", m => m.Figures.Observed),
        new("cancelled", m => m.Figures.Cancelled),
        new("on_time_share", m => Shares.Csv(m.Figures.OnTimeShare)),
        new("cancelled_share", m => Shares.Csv(m.Figures.CancelledShare)),
        new("median_delay", m => (object?)m.Figures.ShownMedianDelay ?? ""),
        new("p90_delay", m => (object?)m.Figures.ShownP90Delay ?? ""),
        new("final_observed", m => m.Final.Observed),
        new("arrived_within_3_59", m => m.Final.Within3Minutes59),
        new("arrived_within_5_59", m => m.Final.Within5Minutes59),
        new("journeys_cancelled", m => m.Final.JourneysCancelled),
    ];

    public static readonly IReadOnlyList<Column<OperatorLineRow>> LineColumns =
    [
        new("line_ref", l => l.Line.LineRef),
        new("line", l => l.Line.Label),
        new("planned", l => l.Figures.Planned),
        new("observed", l => l.Figures.Observed),
        new("cancelled", l => l.Figures.Cancelled),
        new("on_time_share", l => Shares.Csv(l.Figures.OnTimeShare)),
        new("cancelled_share", l => Shares.Csv(l.Figures.CancelledShare)),
        new("median_delay", l => (object?)l.Figures.ShownMedianDelay ?? ""),
    ];

    public static readonly IReadOnlyList<Column<StopPunctuality>> StopColumns =
    [
        new("stop_id", s => s.StopId),
        new("name", s => s.Name),
        new("very_late", s => s.Figures.VeryLate),
        new("observed", s => s.Figures.Observed),
        new("very_late_share", s => Shares.Csv(s.Figures.VeryLateShare)),
        new("on_time_share", s => Shares.Csv(s.Figures.OnTimeShare)),
        new("cancelled_share", s => Shares.Csv(s.Figures.CancelledShare)),
    ];

    public string Heading => $"{Source.Name}: on time and cancelled";

    /// <summary>The chosen month's row, null when the operator has no departures then.</summary>
    public OperatorMonth? Chosen => Months.FirstOrDefault(m => m.Month == Selectors.Month);

    public bool AnyMonthShown => Months.Any(m => m.Figures.Shown);

    public bool MonthsHaveDash => Months.Any(m => !m.Figures.Shown);

    public bool LinesHaveDash => Lines.Any(l => !l.Figures.Shown);

    public bool StopsHaveDash => Stops.Any(s => !s.Figures.Shown);

    public string CsvUrl(string table) => $"{Selectors.Current}&handler=csv&table={table}";

    /// <summary>On-time and cancelled shares month by month, in percent (a gap where a month has too few observed departures).</summary>
    public ChartData Chart => new(
        Months.Select(m => MapState.MonthValue(m.Month)).ToList(),
        [
            new ChartSeries("On time", Months.Select(m => Percent(m.Figures.OnTimeShare)).ToList(), "line", "#0072B2"),
            new ChartSeries("Cancelled", Months.Select(m => Percent(m.Figures.CancelledShare)).ToList(), "line", "#D55E00"),
        ],
        "percent", "month", "line");

    private static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;
}
