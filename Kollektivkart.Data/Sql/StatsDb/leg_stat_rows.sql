-- Input: the leg_stats partitions of the months to build ($leg_stats), macro stop_key. Output: the rows of stats.db table
-- leg_stat_rows for those months, one per leg_stats row with what the site shows of it (data-model.md section 5) stored,
-- not computed in a view on every query: rush intensity = round(hourly_quartile / monthly_duration, 1), how much slower
-- the slow quarter of this hour's trips is than a normal trip on the stretch; the marker position, 98.5 % of the way from
-- the from stop to the to stop, so the two directions of a stretch do not overlap; and the stops' keys.
-- Ordered by month, day type and stretch: a stretch's hours lie together, which a stop or stretch lookup reads as one row
-- group and which compresses to a third of the hour-first order (its names, positions and monthly figures repeat).
SELECT
    month, day_type, hour,
    dataSource AS data_source, stop_key(from_stop_id) AS from_key, stop_key(to_stop_id) AS to_key,
    from_stop_id, to_stop_id, from_stop, to_stop, air_distance_meters,
    from_lat, from_lon, to_lat, to_lon,
    from_lat * 0.985 + to_lat * 0.015 AS lat,
    from_lon * 0.985 + to_lon * 0.015 AS lon,
    round(hourly_quartile / monthly_duration, 1) AS rush_intensity,
    hourly_quartile, hourly_duration, monthly_duration, monthly_quartile, monthly_delay, hourly_delay,
    monthly_deviation, hourly_deviation, monthly_count, hourly_count,
    mean_hourly_duration, mean_monthly_duration
FROM read_parquet($leg_stats, hive_partitioning = true)
ORDER BY month, day_type, from_key, to_key, data_source, hour
