-- Inputs: stats.db leg_stats; $stop_id, $month (first day).
-- Output: one row per hour with legs arriving at the stop that month: the delay at the stop (the
-- stretches' hourly_delay) and the delay added on the way in (hourly_deviation), each the mean over
-- the arriving stretches weighted by their legs, and how many legs arrived.
SELECT
    hour,
    sum(hourly_delay * hourly_count)::DOUBLE / sum(hourly_count) AS delay,
    sum(hourly_deviation * hourly_count)::DOUBLE / sum(hourly_count) AS delay_added,
    sum(hourly_count)::BIGINT AS arrivals
FROM leg_stats
WHERE month = $month AND to_stop_id = $stop_id
GROUP BY hour
ORDER BY hour
