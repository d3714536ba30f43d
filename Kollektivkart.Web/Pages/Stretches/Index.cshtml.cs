using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Stretches;

/// <summary>
/// One stretch over time (data-model.md section 8): per operator, its median and 75th percentile month by month at
/// the chosen hour and day type beside the whole day's median, and the chosen month's hours.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public StretchPage View { get; private set; } = null!;

    public IActionResult OnGet(string fromStopPlaceId, string toStopPlaceId, string? month, string? hour) =>
        Load(fromStopPlaceId, toStopPlaceId, month, hour, out var problem) ? PageOrFragment("_StretchView", View) : problem!;

    /// <summary>The history and profile tables in one file, told apart by the <c>table</c> column.</summary>
    public IActionResult OnGetCsv(string fromStopPlaceId, string toStopPlaceId, string? month, string? hour) =>
        Load(fromStopPlaceId, toStopPlaceId, month, hour, out var problem)
            ? Csv.File(StretchCsv.Columns, View.CsvRows,
                $"stretch-{View.Stretch.FromStopId.Replace(':', '_')}-{View.Stretch.ToStopId.Replace(':', '_')}-{MapState.MonthValue(View.Selectors.Month)}-{View.Selectors.Hour:00}")
            : problem!;

    private bool Load(string fromStopPlaceId, string toStopPlaceId, string? month, string? hour, out IActionResult? problem)
    {
        foreach (var stopId in new[] { fromStopPlaceId, toStopPlaceId })
        {
            if (StopQueries.Find(Choices.Database, stopId) is null)
            {
                problem = Problem($"There is no stop place \u201c{stopId}\u201d with statistics. Search for the stop by name instead.");
                return false;
            }
        }
        if (StretchQueries.Find(Choices.Database, fromStopPlaceId, toStopPlaceId) is not { } stretch)
        {
            var from = StopQueries.Find(Choices.Database, fromStopPlaceId)!;
            var to = StopQueries.Find(Choices.Database, toStopPlaceId)!;
            problem = Problem($"No vehicle ran from {from.Name} ({from.Id}) to {to.Name} ({to.Id}) without stopping in between, " +
                "so there are no statistics for that stretch. The stops' pages list the stretches into and out of them.");
            return false;
        }
        if (!TryReadMonthAndHour(month, hour, out var m, out var h, out problem))
        {
            return false;
        }
        var history = StretchQueries.History(Choices.Database, stretch.FromStopId, stretch.ToStopId, DayType, h)
            .Where(r => Choices.Months.Contains(r.Month))
            .ToList();
        var profile = StretchQueries.Profile(Choices.Database, stretch.FromStopId, stretch.ToStopId, m, DayType);
        var months = history.Count == 0
            ? []
            : Choices.Months.Where(x => x >= history.Min(r => r.Month) && x <= history.Max(r => r.Month)).ToList();
        var operators = stretch.DataSources
            .Select(code => new OperatorHistory(code, Choices.Catalog.FindDataSource(code)?.Name ?? code,
                months.Select(x => (x, history.SingleOrDefault(r => r.DataSource == code && r.Month == x))).ToList(),
                profile.Where(p => p.DataSource == code).ToList()))
            .ToList();
        var selectors = new PageSelectors(StretchFacts.StretchHref(stretch.FromStopId, stretch.ToStopId), Choices.Months, m, h, DayType);
        var reverse = StretchQueries.Exists(Choices.Database, stretch.ToStopId, stretch.FromStopId)
            ? StretchFacts.StretchHref(stretch.ToStopId, stretch.FromStopId, m, h, DayType)
            : null;
        View = new StretchPage(stretch, selectors, operators, StretchQueries.Lines(Choices.Database, stretch.FromStopId, stretch.ToStopId),
            reverse, StretchMap(stretch, selectors.At) with { Fit = true });
        return true;
    }

    /// <summary>Both stops as markers joined by the stretch's line.</summary>
    private static MapData StretchMap(Stretch s, ViewedAt at) => new(
        [
            new MapMarker(s.FromLat, s.FromLon, "#0072B2", 7, s.FromStop, [["From", s.FromStop]], [new(at.Stop(s.FromStopId), s.FromStop)]),
            new MapMarker(s.ToLat, s.ToLon, "#D55E00", 7, s.ToStop, [["To", s.ToStop]], [new(at.Stop(s.ToStopId), s.ToStop)]),
        ],
        Lines: [new MapLine([[s.FromLat, s.FromLon], [s.ToLat, s.ToLon]], "#0072B2")]);
}
