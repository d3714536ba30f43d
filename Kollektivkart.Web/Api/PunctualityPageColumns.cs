using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Api;

/// <summary>A line page's route row for its CSV: the keys the table shows it under, and its figures.</summary>
public sealed record RouteStopRow(string DataSource, string LineRef, DateOnly Month, DayType DayType, LineStopPunctuality Stop, int? Hour);

/// <summary>A stop page's row of its by-hour table for its CSV.</summary>
public sealed record StopHourRow(string StopId, DateOnly Month, StopHourPunctuality Figures);

/// <summary>
/// The CSV columns of the line and stop pages' punctuality tables: their keys, then data-model.md section 9's measures under
/// its names (a share as a fraction, empty where the page shows a dash: fewer than 20 observed departures).
/// </summary>
public static class PunctualityPageColumns
{
    public static readonly IReadOnlyList<Column<RouteStopRow>> Route =
    [
        new("data_source", r => r.DataSource),
        new("line_ref", r => r.LineRef),
        new("direction", r => r.Stop.Direction),
        new("position", r => r.Stop.Position),
        new("stop_id", r => r.Stop.StopId),
        new("stop", r => r.Stop.Name),
        .. Keys<RouteStopRow>(r => r.Month, r => r.DayType, r => r.Hour),
        .. PunctualityColumns.Measures<RouteStopRow>(r => r.Stop.Figures),
    ];

    public static readonly IReadOnlyList<Column<(string DataSource, string LineRef, DayType DayType, LineMonth Month)>> Months =
    [
        new("data_source", r => r.DataSource),
        new("line_ref", r => r.LineRef),
        .. Keys<(string DataSource, string LineRef, DayType DayType, LineMonth Month)>(r => r.Month.Month, r => r.DayType, _ => null),
        .. PunctualityColumns.Measures<(string DataSource, string LineRef, DayType DayType, LineMonth Month)>(r => r.Month.Figures),
        new("final_observed", r => r.Month.Final.Observed),
        new("arrived_within_3_59", r => r.Month.Final.Within3Minutes59),
        new("arrived_within_5_59", r => r.Month.Final.Within5Minutes59),
        new("journeys_cancelled", r => r.Month.Final.JourneysCancelled),
    ];

    public static IReadOnlyList<Column<StopLineFigures>> StopLines(string stopId, DateOnly month, DayType dayType) =>
    [
        new("stop_id", _ => stopId),
        new("data_source", r => r.Line.DataSource),
        new("line_ref", r => r.Line.LineRef),
        new("line", r => r.Line.Label),
        .. Keys<StopLineFigures>(_ => month, _ => dayType, r => r.Hour),
        .. PunctualityColumns.Measures<StopLineFigures>(r => r.Figures),
    ];

    public static readonly IReadOnlyList<Column<StopHourRow>> StopHours =
    [
        new("stop_id", r => r.StopId),
        .. Keys<StopHourRow>(r => r.Month, r => r.Figures.DayType, r => r.Figures.Hour),
        .. PunctualityColumns.Measures<StopHourRow>(r => r.Figures.Figures),
    ];

    /// <summary>Month, day type and hour (empty: the whole day), as the API's query names them.</summary>
    private static Column<T>[] Keys<T>(Func<T, DateOnly> month, Func<T, DayType> dayType, Func<T, int?> hour) =>
    [
        new("month", r => MapState.MonthValue(month(r))),
        new("day_type", r => dayType(r).Name()),
        new("hour", r => hour(r)),
    ];
}
