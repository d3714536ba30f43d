-- Input: stats.db leg_stats. Output: view leg_stat_rows, one row per leg_stats row with what the site
-- shows of it (data-model.md section 5): rush intensity = round(hourly_quartile / monthly_duration, 1),
-- how much slower the slow quarter of this hour's trips is than a normal trip on the stretch; and the
-- marker position, 98.5 % of the way from the from stop to the to stop, so the two directions of a
-- stretch do not overlap. Every site query reads stretches through it, so the rules live here once.
CREATE VIEW leg_stat_rows AS
SELECT
    month, day_type, hour,
    dataSource AS data_source, from_stop_id, to_stop_id, from_stop, to_stop, air_distance_meters,
    from_lat, from_lon, to_lat, to_lon,
    from_lat * 0.985 + to_lat * 0.015 AS lat,
    from_lon * 0.985 + to_lon * 0.015 AS lon,
    round(hourly_quartile / monthly_duration, 1) AS rush_intensity,
    hourly_quartile, hourly_duration, monthly_duration, monthly_quartile, monthly_delay, hourly_delay,
    monthly_deviation, hourly_deviation, monthly_count, hourly_count,
    mean_hourly_duration, mean_monthly_duration
FROM leg_stats
