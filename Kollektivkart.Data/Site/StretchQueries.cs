using System.Data.Common;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>A stretch (two stop places in order) with statistics: its stops' newest names and the operators that run it.</summary>
public sealed record Stretch(
    string FromStopId, string ToStopId, string FromStop, string ToStop,
    double FromLat, double FromLon, double ToLat, double ToLon, int AirDistanceMeters,
    IReadOnlyList<string> DataSources)
{
    public string Name => $"{FromStop} to {ToStop}";
}

/// <summary>
/// One operator's month on a stretch (data-model.md section 8): median, 75th percentile and legs at the chosen hour
/// (null when that hour has no statistics that month) and over the whole day of the day type, seconds.
/// </summary>
public sealed record StretchMonth(
    string DataSource, DateOnly Month, int? HourlyDuration, int? HourlyQuartile, long? HourlyCount,
    int MonthlyDuration, int MonthlyQuartile, long MonthlyCount);

/// <summary>One operator's hour of the day on a stretch in a month: median, 75th percentile (s) and legs.</summary>
public sealed record StretchHour(string DataSource, int Hour, int HourlyDuration, int HourlyQuartile, long HourlyCount);

/// <summary>What a stretch page shows: the stretch, its lines, its history month by month and a month's hours.</summary>
public static class StretchQueries
{
    private static readonly string StretchSql = SqlScripts.Load("Site/stretch.sql");
    private static readonly string HistorySql = SqlScripts.Load("Site/stretch_history.sql");
    private static readonly string ProfileSql = SqlScripts.Load("Site/stretch_profile.sql");

    /// <summary>The stretch, or null when it has no statistics in any month.</summary>
    public static Stretch? Find(StatsDatabase db, string fromStopId, string toStopId)
    {
        var rows = db.Query(StretchSql, r => (
                DataSource: r.GetString(r.GetOrdinal("data_source")),
                FromStop: r.GetString(r.GetOrdinal("from_stop")),
                ToStop: r.GetString(r.GetOrdinal("to_stop")),
                FromLat: r.GetDouble(r.GetOrdinal("from_lat")),
                FromLon: r.GetDouble(r.GetOrdinal("from_lon")),
                ToLat: r.GetDouble(r.GetOrdinal("to_lat")),
                ToLon: r.GetDouble(r.GetOrdinal("to_lon")),
                Distance: r.GetInt32(r.GetOrdinal("air_distance_meters"))),
            ("from_stop_id", fromStopId), ("to_stop_id", toStopId), ("from_key", StatsKeys.Stop(fromStopId)), ("to_key", StatsKeys.Stop(toStopId)));
        if (rows.Count == 0)
        {
            return null;
        }
        var first = rows[0];
        return new Stretch(fromStopId, toStopId, first.FromStop, first.ToStop,
            first.FromLat, first.FromLon, first.ToLat, first.ToLon, first.Distance, rows.Select(r => r.DataSource).ToList());
    }

    /// <summary>Every operator's months on the stretch for the day type, by operator, then oldest first.</summary>
    public static IReadOnlyList<StretchMonth> History(StatsDatabase db, string fromStopId, string toStopId, DayType dayType, int hour) =>
        db.Query(HistorySql, r => new StretchMonth(
                r.GetString(r.GetOrdinal("data_source")),
                r.GetFieldValue<DateOnly>(r.GetOrdinal("month")),
                NullableInt(r, "hourly_duration"),
                NullableInt(r, "hourly_quartile"),
                r.IsDBNull(r.GetOrdinal("hourly_count")) ? null : r.GetInt64(r.GetOrdinal("hourly_count")),
                r.GetInt32(r.GetOrdinal("monthly_duration")),
                r.GetInt32(r.GetOrdinal("monthly_quartile")),
                r.GetInt64(r.GetOrdinal("monthly_count"))),
            ("from_stop_id", fromStopId), ("to_stop_id", toStopId), ("from_key", StatsKeys.Stop(fromStopId)), ("to_key", StatsKeys.Stop(toStopId)), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>Every operator's hours on the stretch that month and day type.</summary>
    public static IReadOnlyList<StretchHour> Profile(StatsDatabase db, string fromStopId, string toStopId, DateOnly month, DayType dayType) =>
        db.Query(ProfileSql, r => new StretchHour(
                r.GetString(r.GetOrdinal("data_source")),
                r.GetInt32(r.GetOrdinal("hour")),
                r.GetInt32(r.GetOrdinal("hourly_duration")),
                r.GetInt32(r.GetOrdinal("hourly_quartile")),
                r.GetInt64(r.GetOrdinal("hourly_count"))),
            ("from_stop_id", fromStopId), ("to_stop_id", toStopId), ("from_key", StatsKeys.Stop(fromStopId)), ("to_key", StatsKeys.Stop(toStopId)), ("month", month), ("day_type", dayType.Name()));

    /// <summary>The lines that ran the stretch, by operator, then as in a line list.</summary>
    public static IReadOnlyList<LineSummary> Lines(StatsDatabase db, string fromStopId, string toStopId) =>
        db.Dimensions.StretchLines(fromStopId, toStopId);

    /// <summary>Whether <see cref="Find"/> finds the stretch, without reading it.</summary>
    public static bool Exists(StatsDatabase db, string fromStopId, string toStopId) => db.Dimensions.HasStretch(fromStopId, toStopId);

    private static int? NullableInt(DbDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetInt32(ordinal);
    }
}
