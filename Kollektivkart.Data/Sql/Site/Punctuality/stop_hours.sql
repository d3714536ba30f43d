-- Inputs: stats.db punctuality_stop; $stop_id, $month.
-- Output: the stop's figures for every day type and hour of the month; hour NULL is the whole day.
SELECT *
FROM punctuality_stop
WHERE stop_id = $stop_id AND month = $month
ORDER BY day_type, hour NULLS FIRST
