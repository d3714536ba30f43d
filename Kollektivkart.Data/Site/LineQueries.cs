using System.Data.Common;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>A line in a list: its operator, lineRef and label (lineRef after its last ':').</summary>
public sealed record LineSummary(string DataSource, string LineRef, string Label);

/// <summary>A line and its directions.</summary>
public sealed record Line(string DataSource, string LineRef, string Label, IReadOnlyList<LineDirection> Directions);

/// <summary>
/// One canonical direction of a line (<see cref="Direction"/> is its key, as in legs) from where its
/// first stretch starts to where its last ends, so a page can say "towards <see cref="Destination"/>".
/// </summary>
public sealed record LineDirection(
    string? Direction, string OriginStopId, string Origin, string DestinationStopId, string Destination, long Legs);

/// <summary>
/// A stretch of a line's route in one direction, at <see cref="Position"/> (the median sequence number
/// of its from call), run <see cref="LineLegs"/> times by the line in all history, with its statistics
/// for a month and hour (all operators' legs on the stretch; null when it has none that hour).
/// </summary>
public sealed record LineStretchStats(
    string? Direction,
    double Position,
    string FromStopId,
    string ToStopId,
    string FromStop,
    string ToStop,
    long LineLegs,
    LegStatRow? Stats)
{
    /// <summary>The delay at the arriving stop, seconds: along the route it shows how delay builds up.</summary>
    public int? DelayAtArrival => Stats?.HourlyDelay;

    /// <summary>The delay this stretch added, seconds.</summary>
    public int? DelayAdded => Stats?.HourlyDeviation;
}

/// <summary>What a line page and the line selector show: an operator's lines, a line's directions and its route with statistics.</summary>
public static class LineQueries
{
    private static readonly string DirectionsSql = SqlScripts.Load("Site/line_directions.sql");
    private static readonly string RouteSql = SqlScripts.Load("Site/line_route.sql");

    /// <summary>The operator's lines, by the number lineRef ends with (those without one last), then by label.</summary>
    public static IReadOnlyList<LineSummary> Lines(StatsDatabase db, string dataSource) => db.Dimensions.Lines(dataSource);

    /// <summary>
    /// A line list's order (data-model.md section 5, lines): the number lineRef ends with (lines without one last), then
    /// the label in Norwegian order, then operator and lineRef so the order is one.
    /// </summary>
    internal static IReadOnlyList<LineSummary> InListOrder(IEnumerable<(LineSummary Line, long? Number)> lines) =>
        [.. InListOrder(lines, l => l.Line, l => l.Number).Select(l => l.Line)];

    /// <summary><see cref="InListOrder(IEnumerable{ValueTuple{LineSummary, long?}})"/> of anything holding a line and its number.</summary>
    internal static IEnumerable<T> InListOrder<T>(IEnumerable<T> items, Func<T, LineSummary> line, Func<T, long?> number) =>
        items.OrderBy(i => number(i) is null).ThenBy(number)
            .ThenBy(i => line(i).Label, NorwegianOrder.Names)
            .ThenBy(i => line(i).DataSource, StringComparer.Ordinal).ThenBy(i => line(i).LineRef, StringComparer.Ordinal);

    /// <summary>A line and the number its lineRef ends with (line_number), for <see cref="InListOrder"/>.</summary>
    internal static (LineSummary Line, long? Number) ReadNumbered(DbDataReader r)
    {
        var number = r.GetOrdinal("line_number");
        return (
            new LineSummary(r.GetString(r.GetOrdinal("dataSource")), r.GetString(r.GetOrdinal("lineRef")), r.GetString(r.GetOrdinal("label"))),
            r.IsDBNull(number) ? null : r.GetInt64(number));
    }

    /// <summary>The line with its directions (by direction key), or null when the operator has no such line.</summary>
    public static Line? Find(StatsDatabase db, string? dataSource, string? lineRef) => db.Dimensions.Line(dataSource, lineRef);

    /// <summary>
    /// Every line with its directions and the number its lineRef ends with (Site/line_directions.sql; a line's label and
    /// number are the same on each of its directions), for <see cref="SiteDimensions"/>.
    /// </summary>
    internal static IEnumerable<(Line Line, LineSummary Summary, long? Number)> ReadAll(StatsDatabase db) =>
        db.Query(DirectionsSql, r => (
                Numbered: ReadNumbered(r),
                Direction: new LineDirection(
                    NullableString(r, "direction"),
                    r.GetString(r.GetOrdinal("origin_stop_id")),
                    r.GetString(r.GetOrdinal("origin")),
                    r.GetString(r.GetOrdinal("destination_stop_id")),
                    r.GetString(r.GetOrdinal("destination")),
                    r.GetInt64(r.GetOrdinal("legs")))))
            .GroupBy(r => r.Numbered.Line)
            .Select(g => (new Line(g.Key.DataSource, g.Key.LineRef, g.Key.Label, g.Select(d => d.Direction).ToList()), g.Key, g.First().Numbered.Number));

    /// <summary>
    /// The line's stretches with statistics that month, direction by direction (in the order of
    /// <see cref="Line.Directions"/>) in route order, each stop pair once; statistics for <paramref name="hour"/>.
    /// </summary>
    public static IReadOnlyList<LineStretchStats> Route(
        StatsDatabase db, string dataSource, string lineRef, DateOnly month, int hour, DayType dayType = DayType.Weekday) =>
        db.Query(RouteSql, r => new LineStretchStats(
                NullableString(r, "direction"),
                r.GetDouble(r.GetOrdinal("position")),
                r.GetString(r.GetOrdinal("from_stop_id")),
                r.GetString(r.GetOrdinal("to_stop_id")),
                r.GetString(r.GetOrdinal("from_stop")),
                r.GetString(r.GetOrdinal("to_stop")),
                r.GetInt64(r.GetOrdinal("line_legs")),
                r.GetBoolean(r.GetOrdinal("has_stats")) ? LegStatRow.Read(r) : null),
            ("data_source", dataSource), ("line_ref", lineRef), ("line_key", StatsKeys.Line(lineRef)), ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    private static string? NullableString(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }
}
