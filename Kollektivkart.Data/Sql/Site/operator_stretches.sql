-- Input: stats.db leg_stats; $month (first day), $day_type.
-- Output: one row per operator with statistics that month and day type: how many stretches (from stop, to stop) it has
-- at any hour.
SELECT dataSource AS data_source, count(*)::INTEGER AS stretches
FROM (SELECT DISTINCT dataSource, from_stop_id, to_stop_id FROM leg_stats WHERE month = $month AND day_type = $day_type)
GROUP BY dataSource
ORDER BY dataSource
