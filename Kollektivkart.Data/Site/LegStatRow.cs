using System.Data.Common;

namespace Kollektivkart.Data.Site;

/// <summary>
/// One stretch's statistics for a month and hour, as the map views and the API show them
/// (data-model.md section 5). Lat/Lon is the marker position: 98.5 % of the way from the
/// from stop towards the to stop, so the two directions of a stretch do not overlap.
/// </summary>
public sealed record LegStatRow(
    string DataSource,
    string FromStopId,
    string ToStopId,
    string FromStop,
    string ToStop,
    int AirDistanceMeters,
    double FromLat,
    double FromLon,
    double ToLat,
    double ToLon,
    double Lat,
    double Lon,
    double RushIntensity,
    int HourlyQuartile,
    int HourlyDuration,
    int MonthlyDuration,
    int MonthlyDelay,
    int HourlyDelay,
    int MonthlyDeviation,
    int HourlyDeviation,
    long MonthlyCount,
    long HourlyCount,
    int MeanHourlyDuration,
    int MeanMonthlyDuration)
{
    public string Name => $"{FromStop} to {ToStop}";

    /// <summary>Reads a row of a query that selects the columns of Sql/Site/leg_stat_columns (see hot_spots.sql).</summary>
    public static LegStatRow Read(DbDataReader r) => new(
        r.GetString(r.GetOrdinal("data_source")),
        r.GetString(r.GetOrdinal("from_stop_id")),
        r.GetString(r.GetOrdinal("to_stop_id")),
        r.GetString(r.GetOrdinal("from_stop")),
        r.GetString(r.GetOrdinal("to_stop")),
        r.GetInt32(r.GetOrdinal("air_distance_meters")),
        r.GetDouble(r.GetOrdinal("from_lat")),
        r.GetDouble(r.GetOrdinal("from_lon")),
        r.GetDouble(r.GetOrdinal("to_lat")),
        r.GetDouble(r.GetOrdinal("to_lon")),
        r.GetDouble(r.GetOrdinal("lat")),
        r.GetDouble(r.GetOrdinal("lon")),
        r.GetDouble(r.GetOrdinal("rush_intensity")),
        r.GetInt32(r.GetOrdinal("hourly_quartile")),
        r.GetInt32(r.GetOrdinal("hourly_duration")),
        r.GetInt32(r.GetOrdinal("monthly_duration")),
        r.GetInt32(r.GetOrdinal("monthly_delay")),
        r.GetInt32(r.GetOrdinal("hourly_delay")),
        r.GetInt32(r.GetOrdinal("monthly_deviation")),
        r.GetInt32(r.GetOrdinal("hourly_deviation")),
        r.GetInt64(r.GetOrdinal("monthly_count")),
        r.GetInt64(r.GetOrdinal("hourly_count")),
        r.GetInt32(r.GetOrdinal("mean_hourly_duration")),
        r.GetInt32(r.GetOrdinal("mean_monthly_duration")));
}
