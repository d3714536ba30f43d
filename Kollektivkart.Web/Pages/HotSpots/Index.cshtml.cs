using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.HotSpots;

/// <summary>The stretches with the highest rush intensity that month and hour, all operators.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public StretchView<LegStatRow> View { get; private set; } = null!;

    private const string DefaultSort = "rush_intensity";

    private Func<MapData> _map = null!;

    public IActionResult OnGet(string year, string month, string hour, string? sort, string? dir) =>
        Load(year, month, hour, sort, dir, out var problem, firstRowsOnly: true) ? PageOrFragment("_LegStatsView", View) : problem!;

    public IActionResult OnGetMap(string year, string month, string hour) =>
        Load(year, month, hour, null, null, out var problem) ? MapJson(_map()) : problem!;

    public IActionResult OnGetCsv(string year, string month, string hour, string? sort, string? dir) =>
        Load(year, month, hour, sort, dir, out var problem)
            ? Csv.File(Columns.LegStats, View.Table.Rows, $"hot-spots-{MapState.MonthValue(View.Selectors.State.Month)}-{View.Selectors.State.Hour:00}")
            : problem!;

    /// <summary>
    /// Reads the view. With <paramref name="firstRowsOnly"/> (the page and its fragment) and the table in its default
    /// order, only the rows it shows are read, and counted: the map data, the CSV, a sorted table and "show all" read all.
    /// </summary>
    private bool Load(string year, string month, string hour, string? sort, string? dir, out IActionResult? problem, bool firstRowsOnly = false)
    {
        var m = Choices.Month(year, month);
        var h = Choices.Hour(hour);
        if ((m.Problem ?? h.Problem) is { } wrong)
        {
            problem = Problem(wrong);
            return false;
        }
        if (!TryReadQuery(out problem))
        {
            return false;
        }
        var state = new MapState(MapView.HotSpots, m.Value, h.Value, DayType: DayType, AllRows: AllRows);
        Table<LegStatRow> table;
        if (firstRowsOnly && state.ShownRows is { } shown && Table<LegStatRow>.IsDefault(StretchColumns.LegStats, sort, dir, DefaultSort))
        {
            table = new Table<LegStatRow>(StretchColumns.LegStats, MapQueries.HotSpots(Choices.Database, m.Value, h.Value, DayType, shown),
                MapQueries.HotSpotCount(Choices.Database, m.Value, h.Value, DayType), DefaultSort, state.Url);
        }
        else
        {
            var rows = MapQueries.HotSpots(Choices.Database, m.Value, h.Value, DayType);
            table = new Table<LegStatRow>(StretchColumns.LegStats, rows, sort, dir, DefaultSort, state.Url, state.ShownRows);
            _map = () => MapData.ForLegStats(rows, state.At);
        }
        View = new StretchView<LegStatRow>(
            $"Hot spots, {Choices.Format(m.Value)}, {DayType.Label()}, {Selectors.HourLabel(h.Value)}",
            table.Count == 0
                ? "No stretches have enough trips this hour to rank: try another hour, day type or month."
                : $"The {Plural.Of(table.Count, "stretch")} where the slowest quarter of trips this hour is furthest behind a normal trip, all operators.",
            new Selectors(state, Choices.Months, Choices.Catalog.DataSources, [], ChooseOperator: true, OperatorOptional: true),
            table,
            state.MapDataUrl,
            table.WithSort(state.CsvUrl),
            ColourScale.RushIntensity);
        return true;
    }
}
