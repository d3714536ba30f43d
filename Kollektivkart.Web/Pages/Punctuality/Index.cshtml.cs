using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Punctuality;

/// <summary>
/// Every stop with departures that month, day type and hour (or the whole day), of all operators, one operator or one
/// line, coloured by its on-time share (data-model.md section 9), and the stops with a share ranked worst first.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public PunctualityMapView View { get; private set; } = null!;

    private IReadOnlyList<StopPunctuality> _stops = [];

    public IActionResult OnGet(string year, string month, string hour, string? dataSource, string? lineRef, string? sort, string? dir) =>
        Load(year, month, hour, dataSource, lineRef, sort, dir, out var problem) ? PageOrFragment("_PunctualityView", View) : problem!;

    public IActionResult OnGetMap(string year, string month, string hour, string? dataSource, string? lineRef) =>
        Load(year, month, hour, dataSource, lineRef, null, null, out var problem) ? MapJson(PunctualityMap.Markers(_stops, View.State)) : problem!;

    public IActionResult OnGetCsv(string year, string month, string hour, string? dataSource, string? lineRef, string? sort, string? dir)
    {
        if (!Load(year, month, hour, dataSource, lineRef, sort, dir, out var problem))
        {
            return problem!;
        }
        var state = View.State;
        var scope = (state.DataSource is null ? "" : "-" + state.DataSource) + (state.LineRef is null ? "" : "-" + state.LineRef.Replace(':', '_'));
        return Csv.File(PunctualityColumns.Stops, View.Table.Rows,
            $"punctuality{scope}-{MapState.MonthValue(state.Month)}-{MapState.HourSegment(state.Hour)}");
    }

    private bool Load(string year, string month, string hour, string? dataSource, string? lineRef, string? sort, string? dir, out IActionResult? problem)
    {
        var m = Choices.Month(year, month);
        var h = Choices.HourOrAllDay(hour);
        var source = dataSource is null ? default : Choices.DataSource(dataSource);
        var line = dataSource is not null && source.IsOk ? Choices.Line(source.Value.Code, lineRef) : default;
        if ((m.Problem ?? h.Problem ?? source.Problem ?? line.Problem) is { } wrong)
        {
            problem = Problem(wrong);
            return false;
        }
        if (!TryReadQuery(out problem))
        {
            return false;
        }
        var code = dataSource is null ? null : source.Value.Code;
        var state = new MapState(MapView.Punctuality, m.Value, h.Value, code, line.Value, DayType: DayType, AllRows: AllRows);
        _stops = PunctualityQueries.Stops(Choices.Database, m.Value, DayType, h.Value == MapState.AllDay ? null : h.Value, code, line.Value);
        var ranked = _stops.Where(s => s.Figures.Shown).ToList();
        var table = new Table<StopPunctuality>(PunctualityMap.Columns, ranked, sort, dir, PunctualityMap.DefaultSort, state.Url, state.ShownRows);
        var what = code is null ? "all operators"
            : line.Value is null ? source.Value.Name
            : $"{source.Value.Name} line {line.Value[(line.Value.LastIndexOf(':') + 1)..]}";
        var when = h.Value == MapState.AllDay ? "the whole day" : "this hour";
        View = new PunctualityMapView(
            $"Punctuality, {(code is null ? "" : what + ", ")}{Choices.Format(m.Value)}, {DayType.Label()}, {Selectors.HourLabel(h.Value)}",
            ranked.Count == 0
                ? $"No stop of {what} has {PunctualityFigures.MinObserved} observed departures or more {when}: try another hour, day type or month."
                : $"The {Plural.Of(ranked.Count, "stop")} of {what} ranked by the share of departures on time {when} (1 min early to 3 min late), the worst first.",
            new Selectors(state, Choices.Months, Choices.Catalog.DataSources, code is null ? [] : Choices.Lines(code),
                ChooseOperator: true, OperatorOptional: true, ChooseLine: true),
            table,
            _stops.Count - ranked.Count,
            state.MapDataUrl,
            table.WithSort(state.CsvUrl));
        return true;
    }
}
