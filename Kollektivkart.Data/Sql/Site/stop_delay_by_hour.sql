-- Inputs: stats.db stop_delay (leg_stats summed per arriving stop, month and hour); $stop_id, $month (first day).
-- Output: one row per hour with legs arriving at the stop that month: the delay at the stop (the
-- stretches' hourly_delay) and the delay added on the way in (hourly_deviation), each the mean over
-- the arriving stretches weighted by their legs, and how many legs arrived.
SELECT
    hour,
    delay_sum::DOUBLE / arrivals AS delay,
    delay_added_sum::DOUBLE / arrivals AS delay_added,
    arrivals
FROM stop_delay
WHERE stop_id = $stop_id AND month = $month
ORDER BY hour
