using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Pages.Lines;

/// <summary>
/// One direction's departures stop by stop in route order (data-model.md section 9): at the page's hour (its chart and
/// table) and over the whole day (a second table, for comparison).
/// </summary>
public sealed record PunctualityDirection(
    string Key, string Title, string? Origin, IReadOnlyList<LineStopPunctuality> AtHour, IReadOnlyList<LineStopPunctuality> AllDay)
{
    /// <summary>Median and 90th percentile of the departure delay by stop: where the lines climb, the line starts to run late.</summary>
    public ChartData Chart => new(
        AtHour.Select(s => s.Name).ToList(),
        [
            new ChartSeries("Median departure delay", AtHour.Select(s => (double?)s.Figures.ShownMedianDelay).ToList(), "line", "#0072B2"),
            new ChartSeries("90th percentile: 1 in 10 leaves later", AtHour.Select(s => (double?)s.Figures.ShownP90Delay).ToList(), "line", "#D55E00"),
        ],
        "seconds after the timetable", "stop, in route order", "line");
}

/// <summary>A line page's punctuality section: each direction stop by stop, and the line month by month.</summary>
public sealed record LinePunctualityView(
    IReadOnlyList<PunctualityDirection> Directions, IReadOnlyList<LineMonth> Months, string RouteCsvUrl, string RouteDayCsvUrl, string MonthsCsvUrl)
{
    /// <summary>On-time and cancelled share in percent per month, the whole day of the chosen day type.</summary>
    public ChartData MonthChart => new(
        Months.Select(m => MapState.MonthValue(m.Month)).ToList(),
        [
            new ChartSeries("On time", Months.Select(m => Percent(m.Figures.OnTimeShare)).ToList(), "line", "#0072B2"),
            new ChartSeries("Cancelled", Months.Select(m => Percent(m.Figures.CancelledShare)).ToList(), "line", "#D55E00"),
        ],
        "% of departures", "month", "line") { YMax = 100 };

    public static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;

    /// <summary>
    /// The line's directions in the order of its stretches' sections, then any direction only punctuality knows; a direction
    /// without departures that month, day type and hour or day is left out.
    /// </summary>
    public static LinePunctualityView Of(
        Line line, IReadOnlyList<LineStopPunctuality> atHour, IReadOnlyList<LineStopPunctuality> allDay, IReadOnlyList<LineMonth> months, PageSelectors selectors)
    {
        var known = line.Directions.Select(d => d.Direction ?? "").ToList();
        var keys = known.Concat(atHour.Concat(allDay).Select(s => s.Direction).Distinct().Where(k => !known.Contains(k)).Order(StringComparer.Ordinal));
        var directions = keys
            .Select(key =>
            {
                var direction = line.Directions.FirstOrDefault(d => (d.Direction ?? "") == key);
                return new PunctualityDirection(
                    key,
                    direction is not null ? $"Towards {direction.Destination}" : key.Length > 0 ? $"Direction {key}" : "Departures",
                    direction?.Origin,
                    atHour.Where(s => s.Direction == key).ToList(),
                    allDay.Where(s => s.Direction == key).ToList());
            })
            .Where(d => d.AtHour.Count > 0 || d.AllDay.Count > 0)
            .ToList();
        return new LinePunctualityView(directions, months,
            selectors.Current + "&handler=routecsv", selectors.Current + "&handler=routedaycsv", selectors.Current + "&handler=monthscsv");
    }

    public IEnumerable<RouteStopRow> Rows(Line line, PageSelectors selectors, bool allDay) =>
        Directions.SelectMany(d => allDay ? d.AllDay : d.AtHour)
            .Select(s => new RouteStopRow(line.DataSource, line.LineRef, selectors.Month, selectors.DayType, s, allDay ? null : selectors.Hour));

    public IEnumerable<(string, string, DayType, LineMonth)> MonthRows(Line line, DayType dayType) =>
        Months.Select(m => (line.DataSource, line.LineRef, dayType, m));
}

/// <summary>One table of a direction's stops (at the hour or over the whole day), with the selectors its stop links keep.</summary>
public sealed record RouteTable(string Caption, IReadOnlyList<LineStopPunctuality> Stops, PageSelectors Selectors);
