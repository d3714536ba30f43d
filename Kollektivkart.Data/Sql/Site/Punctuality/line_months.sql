-- Inputs: stats.db punctuality_line; $data_source, $line_ref and its $line_key (StatsKeys.Line), $day_type.
-- Output: one row per month the line has departures on that day type, the whole day's figures, oldest first.
SELECT *
FROM punctuality_line
WHERE line_key = $line_key AND data_source = $data_source AND line_ref = $line_ref AND day_type = $day_type AND hour IS NULL
ORDER BY month
