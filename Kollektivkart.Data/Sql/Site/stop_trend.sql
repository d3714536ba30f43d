-- Inputs: stats.db stop_delay and stop_day_delay (leg_stats summed per arriving stop); $stop_id, $hour.
-- Output: one row per month with legs arriving at the stop: the delay at the stop at that hour
-- (hourly_delay weighted by legs; NULL and 0 arrivals when the hour has no statistics that month)
-- and over the whole weekday (monthly_delay weighted by monthly_count, each stretch once).
WITH at_hour AS (
    SELECT month, delay_sum::DOUBLE / arrivals AS delay, arrivals
    FROM stop_delay
    WHERE stop_id = $stop_id AND hour = $hour
), whole_day AS (
    SELECT month, day_delay_sum::DOUBLE / day_arrivals AS day_delay, day_arrivals
    FROM stop_day_delay
    WHERE stop_id = $stop_id
)
SELECT month, at_hour.delay, coalesce(at_hour.arrivals, 0)::BIGINT AS arrivals, whole_day.day_delay, whole_day.day_arrivals
FROM whole_day LEFT JOIN at_hour USING (month)
ORDER BY month
