-- Inputs: stats.db punctuality_stop; $stop_id and its $stop_key (StatsKeys.Stop), $month.
-- Output: the stop's figures for every day type and hour of the month; hour NULL is the whole day.
SELECT *
FROM punctuality_stop
WHERE month = $month AND stop_key = $stop_key AND stop_id = $stop_id
ORDER BY day_type, hour NULLS FIRST
