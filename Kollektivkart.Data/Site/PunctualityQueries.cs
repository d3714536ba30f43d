using System.Data.Common;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>
/// The measures of a group of planned departures (data-model.md section 9). The shares and percentiles are shown only
/// with at least <see cref="MinObserved"/> observed departures: below that they are null (never 0 or 100 %), and
/// <see cref="Shown"/> is false.
/// </summary>
public sealed record PunctualityFigures(
    int Planned, int Cancelled, int Observed, int Unknown, int Early, int OnTime, int Late, int VeryLate,
    int? MedianDelay, int? P90Delay)
{
    public const int MinObserved = 20;

    /// <summary>Why a share is a dash, in a page's words.</summary>
    public static string TooFewReason => $"fewer than {MinObserved} observed departures";

    public bool Shown => Observed >= MinObserved;

    public double? OnTimeShare => Share(OnTime);

    public double? EarlyShare => Share(Early);

    public double? LateShare => Share(Late);

    public double? VeryLateShare => Share(VeryLate);

    /// <summary>cancelled / (observed + cancelled): of the departures whose fate is known, the part that did not run.</summary>
    public double? CancelledShare => Shown ? (double)Cancelled / (Observed + Cancelled) : null;

    public int? ShownMedianDelay => Shown ? MedianDelay : null;

    public int? ShownP90Delay => Shown ? P90Delay : null;

    private double? Share(int count) => Shown ? (double)count / Observed : null;

    /// <summary>Reads the measure columns every punctuality table has.</summary>
    internal static PunctualityFigures Read(DbDataReader r)
    {
        int Count(string column) => r.GetInt32(r.GetOrdinal(column));
        int? Seconds(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : Convert.ToInt32(r.GetValue(r.GetOrdinal(column)));
        return new PunctualityFigures(
            Count("planned"), Count("cancelled"), Count("observed"), Count("unknown"),
            Count("early"), Count("on_time"), Count("late"), Count("very_late"),
            Seconds("median_delay"), Seconds("p90_delay"));
    }
}

/// <summary>
/// Journeys' arrivals at their final stop, the rail-style figure (data-model.md section 9): of the observed ones, how many
/// arrived within 3:59 and within 5:59; cancelled journeys counted apart, never as on time.
/// </summary>
public sealed record FinalArrivals(int Observed, int Within3Minutes59, int Within5Minutes59, int JourneysCancelled)
{
    public bool Shown => Observed >= PunctualityFigures.MinObserved;

    public double? Within3Minutes59Share => Shown ? (double)Within3Minutes59 / Observed : null;

    public double? Within5Minutes59Share => Shown ? (double)Within5Minutes59 / Observed : null;

    internal static FinalArrivals Read(DbDataReader r)
    {
        int Count(string column) => r.GetInt32(r.GetOrdinal(column));
        return new FinalArrivals(Count("final_observed"), Count("arrived_within_3_59"), Count("arrived_within_5_59"), Count("journeys_cancelled"));
    }
}

public sealed record OperatorPunctuality(string DataSource, string Name, PunctualityFigures Figures, FinalArrivals Final);

public sealed record OperatorMonth(string DataSource, DateOnly Month, PunctualityFigures Figures, FinalArrivals Final);

public sealed record LinePunctuality(string DataSource, string LineRef, PunctualityFigures Figures, FinalArrivals Final);

public sealed record LineMonth(DateOnly Month, PunctualityFigures Figures, FinalArrivals Final);

/// <summary>A stop of a line in one direction; <see cref="Position"/> is its usual sequence number, to list the route in order.</summary>
public sealed record LineStopPunctuality(string Direction, string StopId, string Name, int Position, PunctualityFigures Figures);

public sealed record StopLinePunctuality(string DataSource, string LineRef, PunctualityFigures Figures);

/// <summary>A stop's figures for one day type and hour (null: the whole day).</summary>
public sealed record StopHourPunctuality(DayType DayType, int? Hour, PunctualityFigures Figures);

/// <summary>A stop on the punctuality map; no position when the stop registry has none.</summary>
public sealed record StopPunctuality(string StopId, string Name, double? Lat, double? Lon, PunctualityFigures Figures);

/// <summary>Punctuality and cancellations from stats.db's punctuality tables (data-model.md section 9).</summary>
public static partial class PunctualityQueries
{
    private static readonly string OperatorsSql = SqlScripts.Load("Site/Punctuality/operators.sql");
    private static readonly string OperatorMonthsSql = SqlScripts.Load("Site/Punctuality/operator_months.sql");
    private static readonly string LinesSql = SqlScripts.Load("Site/Punctuality/lines.sql");
    private static readonly string LineMonthsSql = SqlScripts.Load("Site/Punctuality/line_months.sql");
    private static readonly string LineStopsSql = SqlScripts.Load("Site/Punctuality/line_stops.sql");
    private static readonly string StopLinesSql = SqlScripts.Load("Site/Punctuality/stop_lines.sql");
    private static readonly string StopHoursSql = SqlScripts.Load("Site/Punctuality/stop_hours.sql");
    private static readonly string StopsSql = SqlScripts.Load("Site/Punctuality/stops.sql");

    /// <summary>Every operator with departures that month, day type and hour (null: the whole day), by code.</summary>
    public static IReadOnlyList<OperatorPunctuality> Operators(StatsDatabase db, DateOnly month, DayType dayType, int? hour) =>
        db.Query(OperatorsSql,
            r => new OperatorPunctuality(r.GetString(r.GetOrdinal("data_source")), r.GetString(r.GetOrdinal("name")),
                PunctualityFigures.Read(r), FinalArrivals.Read(r)),
            ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>The whole day's figures per month from <paramref name="from"/> to <paramref name="to"/>, of one operator or (null) all.</summary>
    public static IReadOnlyList<OperatorMonth> OperatorMonths(StatsDatabase db, string? dataSource, DayType dayType, DateOnly from, DateOnly to) =>
        [.. db.Dimensions.OperatorMonths(dayType).Where(m => (dataSource is null || m.DataSource == dataSource) && m.Month >= from && m.Month <= to)];

    /// <summary>Every operator's whole-day figures of every month and day type, by operator and month (Site/Punctuality/operator_months.sql).</summary>
    internal static IEnumerable<(string DayType, OperatorMonth Month)> ReadAllOperatorMonths(StatsDatabase db) =>
        db.Query(OperatorMonthsSql,
            r => (r.GetString(r.GetOrdinal("day_type")),
                new OperatorMonth(r.GetString(r.GetOrdinal("data_source")), Month(r), PunctualityFigures.Read(r), FinalArrivals.Read(r))));

    /// <summary>Every line of an operator with departures that month, day type and hour (null: the whole day).</summary>
    public static IReadOnlyList<LinePunctuality> Lines(StatsDatabase db, string dataSource, DateOnly month, DayType dayType, int? hour) =>
        db.Query(LinesSql,
            r => new LinePunctuality(r.GetString(r.GetOrdinal("data_source")), r.GetString(r.GetOrdinal("line_ref")),
                PunctualityFigures.Read(r), FinalArrivals.Read(r)),
            ("data_source", dataSource), ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>A line's whole-day figures for every month it has departures on that day type, oldest first.</summary>
    public static IReadOnlyList<LineMonth> LineMonths(StatsDatabase db, string dataSource, string lineRef, DayType dayType) =>
        db.Query(LineMonthsSql, r => new LineMonth(Month(r), PunctualityFigures.Read(r), FinalArrivals.Read(r)),
            ("data_source", dataSource), ("line_ref", lineRef), ("line_key", StatsKeys.Line(lineRef)), ("day_type", dayType.Name()));

    /// <summary>A line's stops per direction in route order, that month, day type and hour (null: the whole day).</summary>
    public static IReadOnlyList<LineStopPunctuality> LineStops(
        StatsDatabase db, string dataSource, string lineRef, DateOnly month, DayType dayType, int? hour) =>
        [.. ReadLineStops(db, dataSource, lineRef, month, dayType, hour, andWholeDay: false).Select(s => s.Stop)];

    /// <summary>A line's stops at <paramref name="hour"/> and over the whole day, as <see cref="LineStops"/> gives each, in one query.</summary>
    public static (IReadOnlyList<LineStopPunctuality> AtHour, IReadOnlyList<LineStopPunctuality> WholeDay) LineStopsAtHourAndWholeDay(
        StatsDatabase db, string dataSource, string lineRef, DateOnly month, DayType dayType, int hour)
    {
        var rows = ReadLineStops(db, dataSource, lineRef, month, dayType, hour, andWholeDay: true);
        return ([.. rows.Where(r => !r.WholeDay).Select(r => r.Stop)], [.. rows.Where(r => r.WholeDay).Select(r => r.Stop)]);
    }

    private static IReadOnlyList<(bool WholeDay, LineStopPunctuality Stop)> ReadLineStops(
        StatsDatabase db, string dataSource, string lineRef, DateOnly month, DayType dayType, int? hour, bool andWholeDay) =>
        db.Query(LineStopsSql,
            r => (r.IsDBNull(r.GetOrdinal("hour")), new LineStopPunctuality(
                r.IsDBNull(r.GetOrdinal("direction")) ? "" : r.GetString(r.GetOrdinal("direction")),
                r.GetString(r.GetOrdinal("stop_id")), r.GetString(r.GetOrdinal("name")),
                r.IsDBNull(r.GetOrdinal("position")) ? 0 : r.GetInt32(r.GetOrdinal("position")),
                PunctualityFigures.Read(r))),
            ("data_source", dataSource), ("line_ref", lineRef), ("line_key", StatsKeys.Line(lineRef)), ("month", month),
            ("day_type", dayType.Name()), ("hour", hour), ("and_whole_day", andWholeDay));

    /// <summary>Every line with departures from a stop that month, day type and hour (null: the whole day).</summary>
    public static IReadOnlyList<StopLinePunctuality> StopLines(StatsDatabase db, string stopId, DateOnly month, DayType dayType, int? hour) =>
        db.Query(StopLinesSql,
            r => new StopLinePunctuality(r.GetString(r.GetOrdinal("data_source")), r.GetString(r.GetOrdinal("line_ref")), PunctualityFigures.Read(r)),
            ("stop_id", stopId), ("stop_key", StatsKeys.Stop(stopId)), ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>A stop's figures for every day type and hour of a month, the whole day (hour null) first in each day type.</summary>
    public static IReadOnlyList<StopHourPunctuality> StopHours(StatsDatabase db, string stopId, DateOnly month) =>
        db.Query(StopHoursSql,
            r =>
            {
                DayTypes.TryParse(r.GetString(r.GetOrdinal("day_type")), out var dayType);
                return new StopHourPunctuality(dayType, Hour(r), PunctualityFigures.Read(r));
            },
            ("stop_id", stopId), ("stop_key", StatsKeys.Stop(stopId)), ("month", month));

    /// <summary>
    /// Every stop with departures that month, day type and hour (null: the whole day), of every operator or one operator
    /// (<paramref name="dataSource"/>) or one line of it, by stop id.
    /// </summary>
    public static IReadOnlyList<StopPunctuality> Stops(
        StatsDatabase db, DateOnly month, DayType dayType, int? hour, string? dataSource = null, string? lineRef = null) =>
        db.Query(StopsSql,
            r => new StopPunctuality(
                r.GetString(r.GetOrdinal("stop_id")), r.GetString(r.GetOrdinal("name")),
                r.IsDBNull(r.GetOrdinal("lat")) ? null : r.GetDouble(r.GetOrdinal("lat")),
                r.IsDBNull(r.GetOrdinal("lon")) ? null : r.GetDouble(r.GetOrdinal("lon")),
                PunctualityFigures.Read(r)),
            ("month", month), ("day_type", dayType.Name()), ("hour", hour), ("data_source", dataSource), ("line_ref", lineRef));

    private static DateOnly Month(DbDataReader r) => DateOnly.FromDateTime(r.GetDateTime(r.GetOrdinal("month")));

    private static int? Hour(DbDataReader r) => r.IsDBNull(r.GetOrdinal("hour")) ? null : Convert.ToInt32(r.GetValue(r.GetOrdinal("hour")));
}
