using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Changes;

/// <summary>Where stretches got slower or faster in a month against a baseline month, ranked by impact (data-model.md section 7).</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public ChangesView View { get; private set; } = null!;

    public IActionResult OnGet(string year, string month, string? dataSource, string? lineRef, string? baseline, string? sort, string? dir) =>
        Load(year, month, dataSource, lineRef, baseline, sort, dir, out var problem) ? PageOrFragment("_ChangesView", View) : problem!;

    /// <summary>The shown stretches, in the table's order, a row per changed hour (the API's columns).</summary>
    public IActionResult OnGetCsv(string year, string month, string? dataSource, string? lineRef, string? baseline, string? sort, string? dir)
    {
        if (!Load(year, month, dataSource, lineRef, baseline, sort, dir, out var problem))
        {
            return problem!;
        }
        var s = View.Selectors.State;
        var scope = s.DataSource is null ? "" : "-" + s.DataSource + (s.LineRef is null ? "" : "-" + s.LineRef.Replace(':', '_'));
        return Csv.File(Columns.Changes, ChangeHourRow.Of(View.Table.Rows),
            $"changes-{MapState.MonthValue(s.Month)}-{MapState.MonthValue(s.Previous!.Value)}{scope}");
    }

    private bool Load(string year, string month, string? dataSource, string? lineRef, string? baseline, string? sort, string? dir,
        out IActionResult? problem)
    {
        var m = Choices.Month(year, month);
        var source = dataSource is null ? default : Choices.DataSource(dataSource);
        var line = source.IsOk && source.Value is not null ? Choices.Line(source.Value.Code, lineRef) : default;
        var chosenBaseline = m.IsOk && baseline is not null ? Choices.Baseline(m.Value, baseline) : default;
        if ((m.Problem ?? source.Problem ?? line.Problem ?? chosenBaseline.Problem) is { } wrong)
        {
            problem = Problem(wrong);
            return false;
        }
        if (!TryReadQuery(out problem))
        {
            return false;
        }
        // The default baseline, the month before, may hold no statistics (the first month): that is a notice, not a 404.
        var measured = baseline is null ? Choices.Baseline(m.Value, null) : chosenBaseline;
        var against = baseline is null ? MapState.MonthBefore(m.Value) : chosenBaseline.Value;
        var code = source.Value?.Code;
        var state = new MapState(MapView.Changes, m.Value, Choices.DefaultHour, code, line.Value, against, DayType: DayType);
        var changes = measured.IsOk
            ? ChangeQueries.Changes(Choices.Database, new ChangeScope(m.Value, against, DayType, code, line.Value))
            : [];
        var table = new Table<StretchChange>(ChangeColumns.All, changes, sort, dir, ChangeColumns.Impact, state.Url);
        var what = source.Value is null ? "All operators"
            : line.Value is null ? source.Value.Name
            : $"{source.Value.Name} line {line.Value[(line.Value.LastIndexOf(':') + 1)..]}";
        View = new ChangesView(
            $"{what}: changes in {Choices.Format(m.Value)} against {Choices.Format(against)}, {DayType.Label()}",
            new Selectors(state, Choices.Months, Choices.Catalog.DataSources, code is null ? [] : Choices.Lines(code),
                ChooseOperator: true, OperatorOptional: true, ChooseLine: true, ChoosePrevious: true, Baselines: Choices.Baselines(m.Value)),
            Notices(m.Value, measured),
            Choices.NoEarlierMonth(m.Value) ?? Summary(changes, code is null),
            table,
            ChangesView.Markers(changes, m.Value, DayType) with { Fit = code is not null && changes.Count > 0 },
            table.WithSort(state.CsvUrl),
            ColourScale.ChangeKind,
            measured.IsOk);
        return true;
    }

    private IReadOnlyList<string> Notices(DateOnly month, Checked<DateOnly> baseline) =>
    [
        .. Choices.Catalog.IsProvisional(month)
            ? [$"{Choices.Format(month)} is still running: these changes are provisional and may change as more days come in."]
            : Array.Empty<string>(),
        .. baseline.IsOk || Choices.NoEarlierMonth(month) is not null ? Array.Empty<string>() : [baseline.Problem!],
    ];

    private static string Summary(IReadOnlyList<StretchChange> changes, bool allOperators)
    {
        var slower = changes.Count(c => c.Kind == ChangeKind.Regressed);
        var faster = changes.Count - slower;
        var limited = allOperators && changes.Count == ChangeQueries.Limit ? $" (the {ChangeQueries.Limit:N0} with the largest impact)" : "";
        return $"{(slower == 0 ? "No stretch" : Plural.Of(slower, "stretch"))} got slower, {(faster == 0 ? "none" : faster.ToString("N0"))} faster{limited}. " +
               "An hour counts when its typical trip is now at least as slow as the slowest quarter was, and at least 30 s slower (or the mirror for faster); " +
               "impact is the change times the vehicles that hour over the month.";
    }
}
