-- Inputs: stats.db stop_delay (leg_stats summed per arriving stop and month, per hour in a list); $stop_id, $month (first day), $day_type.
-- Output: one row per hour with legs arriving at the stop that month: the delay at the stop (the
-- stretches' hourly_delay) and the delay added on the way in (hourly_deviation), each the mean over
-- the arriving stretches weighted by their legs, and how many legs arrived.
WITH hours AS (
    SELECT unnest(hours) AS h
    FROM stop_delay
    WHERE stop_id = $stop_id AND month = $month AND day_type = $day_type
)
SELECT
    h.hour AS hour,
    h.delay_sum::DOUBLE / h.arrivals AS delay,
    h.delay_added_sum::DOUBLE / h.arrivals AS delay_added,
    h.arrivals AS arrivals
FROM hours
ORDER BY hour
