-- Inputs: stats.db punctuality_stop_line; $stop_id and its $stop_key, $month, $day_type, $hour (NULL: the whole day).
-- Output: one row per line with departures from the stop that month, day type and hour.
SELECT *
FROM punctuality_stop_line
WHERE month = $month AND stop_key = $stop_key AND stop_id = $stop_id AND day_type = $day_type AND hour IS NOT DISTINCT FROM $hour
ORDER BY data_source, line_ref
