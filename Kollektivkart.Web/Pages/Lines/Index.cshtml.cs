using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
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

    public IActionResult OnGet(string dataSource, string lineRef, string? month, string? hour) =>
        Load(dataSource, lineRef, month, hour, out var problem) ? PageOrFragment("_LineView", View) : problem!;

    public IActionResult OnGetCsv(string dataSource, string lineRef, string? month, string? hour) =>
        Load(dataSource, lineRef, month, hour, out var problem)
            ? Csv.File(Columns.LegStats, View.Directions.SelectMany(d => d.Stretches).Select(s => s.Stats).OfType<LegStatRow>().ToList(),
                $"line-{View.Line.LineRef.Replace(':', '_')}-{MapState.MonthValue(View.Selectors.Month)}-{View.Selectors.Hour:00}")
            : problem!;

    private bool Load(string dataSource, string lineRef, string? month, string? hour, out IActionResult? problem)
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
        var route = LineQueries.Route(Choices.Database, line.DataSource, line.LineRef, m, h);
        var directions = line.Directions
            .Select(d => new DirectionRoute(d, route.Where(s => s.Direction == d.Direction).ToList()))
            .Where(d => d.Stretches.Count > 0)
            .ToList();
        var selectors = new PageSelectors($"/lines/{MapState.Segment(line.DataSource)}/{MapState.Segment(line.LineRef)}", Choices.Months, m, h, Position);
        var stats = route.Select(s => s.Stats).OfType<LegStatRow>().DistinctBy(s => (s.FromStopId, s.ToStopId)).ToList();
        var paths = directions
            .Select((d, i) => new MapLine(d.Stretches.Select(s => s.Stats).OfType<LegStatRow>()
                .SelectMany(s => new[] { new[] { s.FromLat, s.FromLon }, [s.ToLat, s.ToLon] }).ToList(), i == 0 ? "#0072B2" : "#E69F00"))
            .Where(p => p.Points.Count > 0)
            .ToList();
        View = new LineView(line, source.Value.Name, selectors, directions,
            MapData.ForLegStats(stats) with { Fit = Position is null, Lines = paths },
            selectors.Current + "&handler=csv");
        return true;
    }
}

/// <summary>One direction of a line in route order.</summary>
public sealed record DirectionRoute(LineDirection Direction, IReadOnlyList<LineStretchStats> Stretches)
{
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
    Line Line, string OperatorName, PageSelectors Selectors, IReadOnlyList<DirectionRoute> Directions, MapData Map, string CsvUrl)
{
    public string Heading => $"{OperatorName} line {Line.Label}";

    public string LegsUrl => new MapState(MapView.Legs, Selectors.Month, Selectors.Hour, Line.DataSource, Line.LineRef).Url;

    public string ComparisonUrl => new MapState(MapView.Comparison, Selectors.Month, Selectors.Hour, Line.DataSource, Line.LineRef,
        MapState.MonthBefore(Selectors.Month)).Url;
}
