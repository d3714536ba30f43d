-- Inputs: stats.db hot_spots (the rows of leg_stat_rows that can be among the top MapQueries.HotSpotLimit of their month,
-- day type and hour, chosen at publish); $month (first day), $day_type, $hour, $limit (at most MapQueries.HotSpotLimit).
-- Output: the stretches of every operator that month and hour, the highest rush intensity first (data-model.md
-- section 5, hot spots) on that day type. The same order as leg_stat_rows.sql, without its operator and line conditions:
-- as parameters DuckDB cannot drop them when they are NULL, and the line condition costs a join on every request.
SELECT * EXCLUDE (month, day_type, hour, from_key, to_key)
FROM hot_spots
WHERE month = $month AND day_type = $day_type AND hour = $hour
ORDER BY rush_intensity DESC, hourly_quartile - monthly_duration DESC, data_source, from_stop_id, to_stop_id
LIMIT $limit
