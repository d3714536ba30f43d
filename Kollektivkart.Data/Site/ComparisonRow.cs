using System.Data.Common;

namespace Kollektivkart.Data.Site;

/// <summary>
/// One stretch present in two months at the same hour: how its mean travel time changed
/// (data-model.md section 5). Positive net change = slower now.
/// </summary>
public sealed record ComparisonRow(
    string DataSource,
    string FromStopId,
    string ToStopId,
    string FromStop,
    string ToStop,
    int NetChangeSeconds,
    int NetChangeProportion,
    int NetChangePct,
    int AirDistanceMeters,
    double FromLat,
    double FromLon,
    double ToLat,
    double ToLon,
    double Lat,
    double Lon,
    ComparisonPeriod Current,
    ComparisonPeriod Previous)
{
    public string Name => $"{FromStop} to {ToStop}";

    internal static ComparisonRow Read(DbDataReader r) => new(
        r.GetString(r.GetOrdinal("data_source")),
        r.GetString(r.GetOrdinal("from_stop_id")),
        r.GetString(r.GetOrdinal("to_stop_id")),
        r.GetString(r.GetOrdinal("from_stop")),
        r.GetString(r.GetOrdinal("to_stop")),
        r.GetInt32(r.GetOrdinal("net_change_seconds")),
        r.GetInt32(r.GetOrdinal("net_change_proportion")),
        r.GetInt32(r.GetOrdinal("net_change_pct")),
        r.GetInt32(r.GetOrdinal("air_distance_meters")),
        r.GetDouble(r.GetOrdinal("from_lat")),
        r.GetDouble(r.GetOrdinal("from_lon")),
        r.GetDouble(r.GetOrdinal("to_lat")),
        r.GetDouble(r.GetOrdinal("to_lon")),
        r.GetDouble(r.GetOrdinal("lat")),
        r.GetDouble(r.GetOrdinal("lon")),
        ReadPeriod(r, "cur_", "cur_month_count"),
        ReadPeriod(r, "prev_", "prev_monthly_count"));

    private static ComparisonPeriod ReadPeriod(DbDataReader r, string prefix, string monthlyCount) => new(
        r.GetInt32(r.GetOrdinal(prefix + "hourly_quartile")),
        r.GetInt32(r.GetOrdinal(prefix + "hourly_duration")),
        r.GetInt32(r.GetOrdinal(prefix + "hourly_delay")),
        r.GetInt32(r.GetOrdinal(prefix + "hourly_deviation")),
        r.GetInt32(r.GetOrdinal(prefix + "mean_hourly_duration")),
        r.GetInt64(r.GetOrdinal(prefix + "hourly_count")),
        r.GetInt64(r.GetOrdinal(monthlyCount)));
}

/// <summary>One month's side of a comparison.</summary>
public sealed record ComparisonPeriod(
    int HourlyQuartile, int HourlyDuration, int HourlyDelay, int HourlyDeviation,
    int MeanHourlyDuration, long HourlyCount, long MonthlyCount);
