-- Inputs: stats.db punctuality_line; $data_source, $month, $day_type, $hour (NULL: the whole day).
-- Output: one row per line of the operator with departures that month, day type and hour.
SELECT *
FROM punctuality_line
WHERE data_source = $data_source AND month = $month AND day_type = $day_type AND hour IS NOT DISTINCT FROM $hour
ORDER BY line_ref
