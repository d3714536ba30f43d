-- Inputs: stats.db leg_stat_rows; $stop_id and its $stop_key (StatsKeys.Stop), $month (first day), $day_type, $hour.
-- Output: one row per stretch into or out of the stop with its statistics that month and hour
-- (the columns of leg_stat_rows, plus arriving: true for stretches into the stop); arriving ones
-- first, then the highest rush intensity.
-- The two ends are two scans: a condition on either key would have DuckDB read the month's rows of every stop.
WITH through AS (
    SELECT false AS arriving, * FROM leg_stat_rows
    WHERE month = $month AND day_type = $day_type AND hour = $hour AND from_key = $stop_key AND from_stop_id = $stop_id
    UNION ALL
    SELECT true AS arriving, * FROM leg_stat_rows
    WHERE month = $month AND day_type = $day_type AND hour = $hour AND to_key = $stop_key AND to_stop_id = $stop_id
)
SELECT * EXCLUDE (month, day_type, hour, from_key, to_key)
FROM through
ORDER BY arriving DESC, rush_intensity DESC, data_source, from_stop_id, to_stop_id
