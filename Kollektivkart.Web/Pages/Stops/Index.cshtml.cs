using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Stops;

/// <summary>
/// One stop place: the stretches into and out of it, its delay by hour of day and month by month,
/// the lines serving it, and a map centred on it.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public StopView View { get; private set; } = null!;

    public IActionResult OnGet(string stopPlaceId, string? month, string? hour, string? sort, string? dir) =>
        Load(stopPlaceId, month, hour, sort, dir, out var problem) ? PageOrFragment("_StopView", View) : problem!;

    public IActionResult OnGetCsv(string stopPlaceId, string? month, string? hour, string? sort, string? dir) =>
        Load(stopPlaceId, month, hour, sort, dir, out var problem)
            ? Csv.File(Columns.LegStats, [.. View.Arriving.Rows, .. View.Leaving.Rows],
                $"stop-{View.Stop.Id.Replace(':', '_')}-{MapState.MonthValue(View.Selectors.Month)}-{View.Selectors.Hour:00}")
            : problem!;

    /// <summary>The punctuality tables as CSV: the lines at the hour, over the whole day, and the stop by hour and day type.</summary>
    public IActionResult OnGetLinesCsv(string stopPlaceId, string? month, string? hour) =>
        Load(stopPlaceId, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.StopLines(View.Stop.Id, View.Selectors.Month, View.Selectors.DayType), View.Punctuality.AtHour,
                PunctualityFileName($"{View.Selectors.Hour:00}{DaySuffix}"))
            : problem!;

    public IActionResult OnGetLinesDayCsv(string stopPlaceId, string? month, string? hour) =>
        Load(stopPlaceId, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.StopLines(View.Stop.Id, View.Selectors.Month, View.Selectors.DayType), View.Punctuality.AllDay,
                PunctualityFileName("day" + DaySuffix))
            : problem!;

    public IActionResult OnGetHoursCsv(string stopPlaceId, string? month, string? hour) =>
        Load(stopPlaceId, month, hour, null, null, out var problem)
            ? Csv.File(PunctualityPageColumns.StopHours, View.Punctuality.Hours.Select(h => new StopHourRow(View.Stop.Id, View.Selectors.Month, h)).ToList(),
                PunctualityFileName("hours"))
            : problem!;

    private string DaySuffix => View.Selectors.DayType == DayType.Weekday ? "" : "-" + View.Selectors.DayType.Name();

    private string PunctualityFileName(string what) =>
        $"stop-{View.Stop.Id.Replace(':', '_')}-punctuality-{MapState.MonthValue(View.Selectors.Month)}-{what}";

    private bool Load(string stopPlaceId, string? month, string? hour, string? sort, string? dir, out IActionResult? problem)
    {
        if (StopQueries.Find(Choices.Database, stopPlaceId) is not { } stop)
        {
            problem = Problem($"There is no stop place \u201c{stopPlaceId}\u201d with statistics. Search for the stop by name instead.");
            return false;
        }
        if (!TryReadMonthAndHour(month, hour, out var m, out var h, out problem))
        {
            return false;
        }
        var stretches = StopQueries.Stretches(Choices.Database, stop.Id, m, h, DayType);
        var (byHour, allMonths) = StopQueries.Delays(Choices.Database, stop.Id, m, h, DayType);
        var trend = allMonths.Where(t => Choices.Months.Contains(t.Month)).ToList();
        var operators = stop.DataSources.Select(code => Choices.Catalog.FindDataSource(code)?.Name ?? code).ToList();
        var selectors = new PageSelectors(StretchFacts.StopHref(stop.Id), Choices.Months, m, h, DayType);
        Table<LegStatRow> TableOf(bool arriving) => new(StretchColumns.LegStats,
            stretches.Where(s => s.Arriving == arriving).Select(s => s.Stats).ToList(), sort, dir, "rush_intensity", selectors.Current);
        var arrivingTable = TableOf(arriving: true);
        View = new StopView(stop, operators, selectors, arrivingTable, TableOf(arriving: false), byHour, trend,
            StopQueries.Lines(Choices.Database, stop.Id),
            MapData.ForLegStats(stretches.Select(s => s.Stats), selectors.At) with { Centre = new MapCentre(stop.Lat, stop.Lon, 14) },
            arrivingTable.WithSort(selectors.Current + "&handler=csv"),
            StopPunctualityView.Of(
                PunctualityQueries.StopLinesLabelled(Choices.Database, stop.Id, m, DayType, h),
                PunctualityQueries.StopHours(Choices.Database, stop.Id, m),
                selectors));
        return true;
    }
}

/// <summary>What a stop page shows.</summary>
public sealed record StopView(
    Stop Stop,
    IReadOnlyList<string> Operators,
    PageSelectors Selectors,
    Table<LegStatRow> Arriving,
    Table<LegStatRow> Leaving,
    IReadOnlyDictionary<DayType, IReadOnlyList<HourDelay>> DelayByDayType,
    IReadOnlyList<MonthDelay> Trend,
    IReadOnlyList<LineSummary> Lines,
    MapData Map,
    string CsvUrl,
    StopPunctualityView Punctuality)
{
    public string Heading => $"{Stop.Name}: {Choices.Format(Selectors.Month)}, {Selectors.DayType.Label()}, {Selection.Selectors.HourLabel(Selectors.Hour)}";

    /// <summary>The chosen day type's delay by hour.</summary>
    public IReadOnlyList<HourDelay> DelayByHour => DelayByDayType[Selectors.DayType];

    public int StretchCount => Arriving.Rows.Count + Leaving.Rows.Count;

    public FeedLink Feed => FeedLink.Stop(Stop, Selectors.DayType);

    /// <summary>The three day types side by side, hour by hour, and the delay added on the way in on the chosen one.</summary>
    public ChartData HourChart
    {
        get
        {
            var hours = DelayByDayType.Values.SelectMany(d => d.Select(h => h.Hour)).Distinct().Order().ToList();
            List<double?> Values(IReadOnlyList<HourDelay> delays, Func<HourDelay, double> value) =>
                hours.Select(h => delays.FirstOrDefault(d => d.Hour == h) is { } d ? Math.Round(value(d)) : (double?)null).ToList();
            return new ChartData(
                hours.Select(h => $"{h:00}").ToList(),
                [
                    .. DayTypes.All.Select(dayType => new ChartSeries($"{dayType.Label()}: delay at the stop", Values(DelayByDayType[dayType], d => d.Delay))),
                    new ChartSeries($"{Selectors.DayType.Label()}: delay added on the way in", Values(DelayByHour, d => d.DelayAdded), "line"),
                ],
                "seconds", "hour of day");
        }
    }

    public ChartData TrendChart => new(
        Trend.Select(t => MapState.MonthValue(t.Month)).ToList(),
        [
            new ChartSeries($"Delay at {Selection.Selectors.HourLabel(Selectors.Hour)}", Trend.Select(t => t.Delay is { } d ? Math.Round(d) : (double?)null).ToList(), "line"),
            new ChartSeries("Delay over the whole day", Trend.Select(t => (double?)Math.Round(t.DayDelay)).ToList(), "line"),
        ],
        "seconds", "month", "line");
}
