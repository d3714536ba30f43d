-- Inputs: stats.db stop_delay (leg_stats summed per arriving stop and month, per hour in a list); $stop_id and its $stop_key, $month (first day).
-- Output: one row per day type and hour with legs arriving at the stop that month: the delay at the stop (the
-- stretches' hourly_delay) and the delay added on the way in (hourly_deviation), each the mean over
-- the arriving stretches weighted by their legs, and how many legs arrived. Every day type at once: a stop page
-- charts all three, and one query reads the stop's rows once instead of three times.
WITH hours AS (
    SELECT day_type, unnest(hours) AS h
    FROM stop_delay
    WHERE month = $month AND stop_key = $stop_key AND stop_id = $stop_id
)
SELECT
    day_type,
    h.hour AS hour,
    h.delay_sum::DOUBLE / h.arrivals AS delay,
    h.delay_added_sum::DOUBLE / h.arrivals AS delay_added,
    h.arrivals AS arrivals
FROM hours
ORDER BY day_type, hour
