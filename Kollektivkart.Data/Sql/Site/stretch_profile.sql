-- Inputs: stats.db leg_stat_rows; $from_stop_id, $to_stop_id and their keys ($from_key, $to_key), $month (first day), $day_type.
-- Output: the stretch's hour-of-day profile that month and day type: per operator and hour with statistics,
-- the median, 75th percentile and legs.
SELECT data_source, hour, hourly_duration, hourly_quartile, hourly_count
FROM leg_stat_rows
WHERE month = $month AND day_type = $day_type AND from_key = $from_key AND to_key = $to_key AND from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id
ORDER BY data_source, hour
