using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Lines;

/// <summary>
/// One line: its stretches in route order per direction, and how delay builds up stop by stop at
/// the chosen hour, so it shows which stretches add the delay.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public LineView View { get; private set; } = null!;

    public IActionResult OnGet(string dataSource, string lineRef, string? month, string? hour, string? sort, string? dir) =>
        Load(dataSource, lineRef, month, hour, sort, dir, out var problem) ? PageOrFragment("_LineView", View) : problem!;

    public IActionResult OnGetCsv(string dataSource, string lineRef, string? month, string? hour, string? sort, string? dir) =>
        Load(dataSource, lineRef, month, hour, sort, dir, out var problem)
            ? Csv.File(Columns.LegStats, View.Directions.SelectMany(d => d.Table.Rows).Select(s => s.Stats).OfType<LegStatRow>().ToList(),
                $"line-{View.Line.LineRef.Replace(':', '_')}-{MapState.MonthValue(View.Selectors.Month)}-{View.Selectors.Hour:00}")
            : problem!;

    /// <summary>The punctuality section's tables as CSV: stops along the route at the hour, over the whole day, and month by month.</summary>
    public IActionResult OnGetRouteCsv(string dataSource, string lineRef, string? month, string? hour) =>
        Load(dataSource, lineRef, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.Route, View.Punctuality.Rows(View.Line, View.Selectors, allDay: false).ToList(), PunctualityFileName($"{View.Selectors.Hour:00}"))
            : problem!;

    public IActionResult OnGetRouteDayCsv(string dataSource, string lineRef, string? month, string? hour) =>
        Load(dataSource, lineRef, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.Route, View.Punctuality.Rows(View.Line, View.Selectors, allDay: true).ToList(), PunctualityFileName("day"))
            : problem!;

    public IActionResult OnGetMonthsCsv(string dataSource, string lineRef, string? month, string? hour) =>
        Load(dataSource, lineRef, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.Months, View.Punctuality.MonthRows(View.Line, View.Selectors.DayType).ToList(),
                $"line-{View.Line.LineRef.Replace(':', '_')}-punctuality-months{DaySuffix}")
            : problem!;

    private string DaySuffix => View.Selectors.DayType == DayType.Weekday ? "" : "-" + View.Selectors.DayType.Name();

    private string PunctualityFileName(string hour) =>
        $"line-{View.Line.LineRef.Replace(':', '_')}-punctuality-{MapState.MonthValue(View.Selectors.Month)}-{hour}{DaySuffix}";

    private bool Load(string dataSource, string lineRef, string? month, string? hour, string? sort, string? dir, out IActionResult? problem)
    {
        var source = Choices.DataSource(dataSource);
        if (!source.IsOk)
        {
            problem = Problem(source.Problem!);
            return false;
        }
        if (LineQueries.Find(Choices.Database, source.Value.Code, lineRef) is not { } line)
        {
            problem = Problem($"{source.Value.Name} has no line \u201c{lineRef}\u201d with statistics. Search for the line by number or name instead.");
            return false;
        }
        if (!TryReadMonthAndHour(month, hour, out var m, out var h, out problem))
        {
            return false;
        }
        var route = LineQueries.Route(Choices.Database, line.DataSource, line.LineRef, m, h, DayType);
        var selectors = new PageSelectors($"/lines/{MapState.Segment(line.DataSource)}/{MapState.Segment(line.LineRef)}", Choices.Months, m, h, DayType);
        var directions = line.Directions
            .Select(d => route.Where(s => s.Direction == d.Direction).ToList() is var stretches && stretches.Count > 0
                ? new DirectionRoute(d, stretches, new Table<LineStretchStats>(DirectionRoute.Columns, stretches, sort, dir, "order", selectors.Current))
                : null)
            .OfType<DirectionRoute>()
            .ToList();
        var stats = route.Select(s => s.Stats).OfType<LegStatRow>().DistinctBy(s => (s.FromStopId, s.ToStopId)).ToList();
        var paths = directions
            .Select((d, i) => new MapLine(d.Stretches.Select(s => s.Stats).OfType<LegStatRow>()
                .SelectMany(s => new[] { new[] { s.FromLat, s.FromLon }, [s.ToLat, s.ToLon] }).ToList(), i == 0 ? "#0072B2" : "#E69F00"))
            .Where(p => p.Points.Count > 0)
            .ToList();
        var (atHour, wholeDay) = PunctualityQueries.LineStopsAtHourAndWholeDay(Choices.Database, line.DataSource, line.LineRef, m, DayType, h);
        var punctuality = LinePunctualityView.Of(line, atHour, wholeDay,
            PunctualityQueries.LineMonths(Choices.Database, line.DataSource, line.LineRef, DayType).Where(lm => Choices.Months.Contains(lm.Month)).ToList(),
            selectors);
        View = new LineView(line, source.Value.Name, selectors, directions,
            MapData.ForLegStats(stats, selectors.At) with { Fit = true, Lines = paths },
            directions.Count > 0 ? directions[0].Table.WithSort(selectors.Current + "&handler=csv") : selectors.Current + "&handler=csv",
            punctuality);
        return true;
    }
}

/// <summary>One direction of a line in route order (the chart), and its stretches as a table people can re-sort.</summary>
public sealed record DirectionRoute(LineDirection Direction, IReadOnlyList<LineStretchStats> Stretches, Table<LineStretchStats> Table)
{
    /// <summary>Stretches without statistics this hour sort below every value.</summary>
    public static readonly IReadOnlyList<SortColumn<LineStretchStats>> Columns =
    [
        new("order", "#", s => s.Position, DescendingFirst: false),
        new("name", "Stretch", s => s.FromStop + " " + s.ToStop, Numeric: false),
        new("hourly_deviation", "Delay added", s => s.Stats?.HourlyDeviation ?? int.MinValue),
        new("hourly_delay", "Delay on arrival", s => s.Stats?.HourlyDelay ?? int.MinValue),
        new("hourly_duration", "Typical time this hour", s => s.Stats?.HourlyDuration ?? int.MinValue),
        new("monthly_duration", "Typical time all day", s => s.Stats?.MonthlyDuration ?? int.MinValue),
        new("rush_intensity", "Rush intensity", s => s.Stats?.RushIntensity ?? double.MinValue),
        new("hourly_count", "Vehicles this hour", s => s.Stats?.HourlyCount ?? long.MinValue),
    ];

    private readonly Dictionary<LineStretchStats, int> _order = Stretches.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i + 1);

    /// <summary>Where each stretch comes along the route, 1 first.</summary>
    public int OrderOf(LineStretchStats stretch) => _order[stretch];

    /// <summary>The stretches that add the most delay this hour: the ones to look at.</summary>
    public IReadOnlySet<LineStretchStats> WorstAdders { get; } = Stretches
        .Where(s => s.DelayAdded > 0)
        .OrderByDescending(s => s.DelayAdded)
        .Take(3)
        .ToHashSet();

    public string Title => $"Towards {Direction.Destination}";

    public ChartData Chart(string id) => new(
        Stretches.Select(s => s.ToStop).ToList(),
        [
            new ChartSeries("Delay added on the stretch", Stretches.Select(s => s.DelayAdded is { } d ? (double?)d : null).ToList(), "bar", "#D55E00"),
            new ChartSeries("Delay on arrival at the stop", Stretches.Select(s => s.DelayAtArrival is { } d ? (double?)d : null).ToList(), "line", "#0072B2"),
        ],
        "seconds", "stop, in route order");
}

/// <summary>What a line page shows.</summary>
public sealed record LineView(
    Line Line, string OperatorName, PageSelectors Selectors, IReadOnlyList<DirectionRoute> Directions, MapData Map, string CsvUrl,
    LinePunctualityView Punctuality)
{
    public string Heading => $"{OperatorName} line {Line.Label}";

    public FeedLink Feed => FeedLink.Line(Line.DataSource, Line.LineRef, Heading, Selectors.DayType);

    public string LegsUrl => new MapState(MapView.Legs, Selectors.Month, Selectors.Hour, Line.DataSource, Line.LineRef, DayType: Selectors.DayType).Url;

    /// <summary>Null for the oldest month offered: there is no month before it to compare with.</summary>
    public string? ComparisonUrl => Selectors.Months.Contains(MapState.MonthBefore(Selectors.Month))
        ? new MapState(MapView.Comparison, Selectors.Month, Selectors.Hour, Line.DataSource, Line.LineRef, MapState.MonthBefore(Selectors.Month), DayType: Selectors.DayType).Url
        : null;
}
