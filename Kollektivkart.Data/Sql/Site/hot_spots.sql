-- Inputs: stats.db leg_stat_rows (leg_stats with rush intensity and marker position); $month (first day), $day_type, $hour, $limit.
-- Output: the stretches of every operator that month and hour, the highest rush intensity first (data-model.md
-- section 5, hot spots) on that day type. The same order as leg_stat_rows.sql, without its operator and line conditions: as
-- parameters DuckDB cannot drop them when they are NULL, and the line condition costs a join on every request.
SELECT * EXCLUDE (month, day_type, hour)
FROM leg_stat_rows
WHERE month = $month AND day_type = $day_type AND hour = $hour
ORDER BY rush_intensity DESC, hourly_quartile - monthly_duration DESC, data_source, from_stop_id, to_stop_id
LIMIT $limit
