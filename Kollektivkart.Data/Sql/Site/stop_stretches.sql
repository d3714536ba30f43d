-- Inputs: stats.db leg_stat_rows; $stop_id, $month (first day), $day_type, $hour.
-- Output: one row per stretch into or out of the stop with its statistics that month and hour
-- (the columns of leg_stat_rows, plus arriving: true for stretches into the stop); arriving ones
-- first, then the highest rush intensity.
SELECT to_stop_id = $stop_id AS arriving, * EXCLUDE (month, day_type, hour)
FROM leg_stat_rows
WHERE month = $month AND day_type = $day_type AND hour = $hour AND $stop_id IN (from_stop_id, to_stop_id)
ORDER BY arriving DESC, rush_intensity DESC, data_source, from_stop_id, to_stop_id
