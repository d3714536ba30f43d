-- Inputs: stats.db leg_stats; $stop_id, $month (first day), $hour.
-- Output: one row per stretch into or out of the stop with its statistics that month and hour
-- (columns of leg_stat_rows.sql, plus arriving: true for stretches into the stop); arriving ones
-- first, then the highest rush intensity.
SELECT
    to_stop_id = $stop_id AS arriving,
    dataSource AS data_source, from_stop_id, to_stop_id, from_stop, to_stop, air_distance_meters,
    from_lat, from_lon, to_lat, to_lon,
    from_lat * 0.985 + to_lat * 0.015 AS lat,
    from_lon * 0.985 + to_lon * 0.015 AS lon,
    round(hourly_quartile / monthly_duration, 1) AS rush_intensity,
    hourly_quartile, hourly_duration, monthly_duration, monthly_delay, hourly_delay,
    monthly_deviation, hourly_deviation, monthly_count, hourly_count,
    mean_hourly_duration, mean_monthly_duration
FROM leg_stats
WHERE month = $month AND hour = $hour AND $stop_id IN (from_stop_id, to_stop_id)
ORDER BY arriving DESC, rush_intensity DESC, data_source, from_stop_id, to_stop_id
