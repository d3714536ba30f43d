using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Comparison;

/// <summary>How the mean travel time of each stretch changed between two months at one hour.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public StretchView<ComparisonRow> View { get; private set; } = null!;

    private Func<MapData> _map = null!;

    public IActionResult OnGet(string year, string month, string hour, string prevYear, string prevMonth,
        string? dataSource, string? lineRef, string? sort, string? dir) =>
        Load(year, month, hour, prevYear, prevMonth, dataSource, lineRef, sort, dir, out var problem)
            ? PageOrFragment("_ComparisonView", View)
            : problem!;

    public IActionResult OnGetMap(string year, string month, string hour, string prevYear, string prevMonth, string? dataSource, string? lineRef) =>
        Load(year, month, hour, prevYear, prevMonth, dataSource, lineRef, null, null, out var problem) ? MapJson(_map()) : problem!;

    public IActionResult OnGetCsv(string year, string month, string hour, string prevYear, string prevMonth,
        string? dataSource, string? lineRef, string? sort, string? dir)
    {
        if (!Load(year, month, hour, prevYear, prevMonth, dataSource, lineRef, sort, dir, out var problem))
        {
            return problem!;
        }
        var s = View.Selectors.State;
        return Csv.File(Columns.Comparison, View.Table.Rows,
            $"comparison-{MapState.MonthValue(s.Month)}-{MapState.MonthValue(s.Previous!.Value)}-{s.Hour:00}{(s.DataSource is null ? "" : "-" + s.DataSource)}");
    }

    private bool Load(string year, string month, string hour, string prevYear, string prevMonth,
        string? dataSource, string? lineRef, string? sort, string? dir, out IActionResult? problem)
    {
        var current = Choices.Month(year, month);
        var previous = Choices.Month(prevYear, prevMonth);
        var h = Choices.Hour(hour);
        var source = dataSource is null ? default : Choices.DataSource(dataSource);
        var line = source.IsOk && source.Value is not null ? Choices.Line(source.Value.Code, lineRef) : default;
        // The first month has nothing before it: the page says so, with its selectors, rather than a 404 for the month before.
        var noEarlier = current.IsOk && !previous.IsOk ? Choices.NoEarlierMonth(current.Value) : null;
        if (noEarlier is not null && int.TryParse(prevYear, out var py) && int.TryParse(prevMonth, out var pm)
            && py is >= 1 and <= 9999 && pm is >= 1 and <= 12 && new DateOnly(py, pm, 1) < current.Value)
        {
            previous = Checked<DateOnly>.Ok(new DateOnly(py, pm, 1));
        }
        if ((current.Problem ?? previous.Problem ?? h.Problem ?? source.Problem ?? line.Problem) is { } wrong)
        {
            problem = Problem(wrong);
            return false;
        }
        if (!TryReadQuery(out problem))
        {
            return false;
        }
        var code = source.Value?.Code;
        var state = new MapState(MapView.Comparison, current.Value, h.Value, code, line.Value, previous.Value, DayType: DayType, AllRows: AllRows);
        IReadOnlyList<ComparisonRow> rows = noEarlier is null
            ? MapQueries.Comparison(Choices.Database, current.Value, previous.Value, h.Value, code, line.Value, DayType)
            : [];
        var table = new Table<ComparisonRow>(StretchColumns.Comparison, rows, sort, dir, "change", state.Url, state.ShownRows);
        var what = source.Value?.Name ?? "All operators";
        var limited = code is null && rows.Count == MapQueries.ComparisonLimit ? $" (the {MapQueries.ComparisonLimit:N0} largest changes)" : "";
        _map = () => MapData.ForComparison(rows, state.At) with { Fit = code is not null };
        View = new StretchView<ComparisonRow>(
            $"{what}: {Choices.Format(current.Value)} against {Choices.Format(previous.Value)}, {DayType.Label()}, {Selectors.HourLabel(h.Value)}",
            noEarlier ?? $"{(rows.Count == 0 ? "No stretches" : Plural.Of(rows.Count, "stretch"))} with statistics in both months{limited}, the largest relative change in mean travel time first. Red is slower now, blue faster.",
            new Selectors(state, Choices.Months, Choices.Catalog.DataSources, code is null ? [] : Choices.Lines(code),
                ChooseOperator: true, OperatorOptional: true, ChooseLine: true, ChoosePrevious: true,
                Baselines: Choices.Baselines(current.Value)),
            table,
            state.MapDataUrl,
            table.WithSort(state.CsvUrl),
            ColourScale.Change)
        {
            Compared = noEarlier is null,
        };
        return true;
    }
}
