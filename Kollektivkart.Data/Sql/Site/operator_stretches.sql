-- Input: stats.db leg_stat_rows; $month (first day), $day_type.
-- Output: one row per operator with statistics that month and day type: how many stretches (from stop, to stop) it has
-- at any hour.
SELECT data_source, count(*)::INTEGER AS stretches
FROM (SELECT DISTINCT data_source, from_stop_id, to_stop_id FROM leg_stat_rows WHERE month = $month AND day_type = $day_type)
GROUP BY data_source
ORDER BY data_source
