using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Legs;

/// <summary>Every stretch of one operator, or of one of its lines, that month and hour.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public StretchView<LegStatRow> View { get; private set; } = null!;

    private Func<MapData> _map = null!;

    public IActionResult OnGet(string year, string month, string hour, string dataSource, string? lineRef, string? sort, string? dir) =>
        Load(year, month, hour, dataSource, lineRef, sort, dir, out var problem) ? PageOrFragment("_LegStatsView", View) : problem!;

    public IActionResult OnGetMap(string year, string month, string hour, string dataSource, string? lineRef) =>
        Load(year, month, hour, dataSource, lineRef, null, null, out var problem) ? MapJson(_map()) : problem!;

    public IActionResult OnGetCsv(string year, string month, string hour, string dataSource, string? lineRef, string? sort, string? dir)
    {
        if (!Load(year, month, hour, dataSource, lineRef, sort, dir, out var problem))
        {
            return problem!;
        }
        var state = View.Selectors.State;
        var line = state.LineRef is null ? "" : "-" + state.LineRef.Replace(':', '_');
        return Csv.File(Columns.LegStats, View.Table.Rows, $"legs-{state.DataSource}{line}-{MapState.MonthValue(state.Month)}-{state.Hour:00}");
    }

    private bool Load(string year, string month, string hour, string dataSource, string? lineRef, string? sort, string? dir, out IActionResult? problem)
    {
        var m = Choices.Month(year, month);
        var h = Choices.Hour(hour);
        var source = Choices.DataSource(dataSource);
        var line = source.IsOk ? Choices.Line(source.Value.Code, lineRef) : default;
        if ((m.Problem ?? h.Problem ?? source.Problem ?? line.Problem) is { } wrong)
        {
            problem = Problem(wrong);
            return false;
        }
        if (!TryReadQuery(out problem))
        {
            return false;
        }
        var state = new MapState(MapView.Legs, m.Value, h.Value, source.Value.Code, line.Value, DayType: DayType, AllRows: AllRows);
        var rows = MapQueries.Legs(Choices.Database, m.Value, h.Value, source.Value.Code, line.Value, DayType);
        var table = new Table<LegStatRow>(StretchColumns.LegStats, rows, sort, dir, "rush_intensity", state.Url, state.ShownRows);
        var what = line.Value is null ? source.Value.Name : $"{source.Value.Name} line {line.Value[(line.Value.LastIndexOf(':') + 1)..]}";
        _map = () => MapData.ForLegStats(rows, state.At) with { Fit = true };
        View = new StretchView<LegStatRow>(
            $"{what}, {Choices.Format(m.Value)}, {DayType.Label()}, {Selectors.HourLabel(h.Value)}",
            $"{(rows.Count == 0 ? "No stretches" : Plural.Of(rows.Count, "stretch"))} of {what} with more than 20 trips this hour on {DayType.Label().ToLowerInvariant()}, the highest rush intensity first.",
            new Selectors(state, Choices.Months, Choices.Catalog.DataSources, Choices.Lines(source.Value.Code), ChooseOperator: true, OperatorOptional: true, ChooseLine: true),
            table,
            state.MapDataUrl,
            table.WithSort(state.CsvUrl),
            ColourScale.RushIntensity,
            line.Value is null ? FeedLink.Operator(source.Value, DayType) : FeedLink.Line(source.Value.Code, line.Value, what, DayType));
        return true;
    }
}
