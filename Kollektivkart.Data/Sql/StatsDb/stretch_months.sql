-- Input: stats.db leg_stat_rows; $month, the month to build. Output: that month's rows of stats.db table stretch_months.
-- Grain: (month, day_type, data_source, from_stop_id, to_stop_id): a stretch's month of one day type as one row, its
-- names, places and whole-day figures (the same on each of its hours' rows in leg_stat_rows) and its hours as a list.
-- A stretch page asks for every month of one stretch: in leg_stat_rows those rows lie in each month's row groups, so
-- the lookup read them all; stretch_months_order.sql orders this table by stretch across months, so it reads one. A
-- month's rows come in that order too: a night that only adds days to the newest month appends them, ordered, at the end.
SELECT
    month, day_type, from_key, to_key, data_source, from_stop_id, to_stop_id,
    from_stop, to_stop, from_lat, from_lon, to_lat, to_lon, air_distance_meters,
    monthly_duration, monthly_quartile, monthly_count,
    list({'hour': hour, 'hourly_duration': hourly_duration, 'hourly_quartile': hourly_quartile, 'hourly_count': hourly_count} ORDER BY hour) AS hours
FROM leg_stat_rows
WHERE month = $month
GROUP BY
    month, day_type, from_key, to_key, data_source, from_stop_id, to_stop_id,
    from_stop, to_stop, from_lat, from_lon, to_lat, to_lon, air_distance_meters,
    monthly_duration, monthly_quartile, monthly_count
ORDER BY from_key, to_key, from_stop_id, to_stop_id, data_source, day_type
