-- Inputs: stats.db leg_stats; $from_stop_id, $to_stop_id, $month (first day), $day_type.
-- Output: the stretch's hour-of-day profile that month and day type: per operator and hour with statistics,
-- the median, 75th percentile and legs.
SELECT dataSource AS data_source, hour, hourly_duration, hourly_quartile, hourly_count
FROM leg_stats
WHERE from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id AND month = $month AND day_type = $day_type
ORDER BY dataSource, hour
