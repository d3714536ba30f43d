-- Inputs: stats.db stop_delay (leg_stats summed per arriving stop and month, per hour in a list); $stop_id and its $stop_key, $day_type, $hour.
-- Output: one row per month with legs arriving at the stop: the delay at the stop at that hour
-- (hourly_delay weighted by legs; NULL and 0 arrivals when the hour has no statistics that month)
-- and over the whole day of that day type (monthly_delay weighted by monthly_count, each stretch once).
WITH months AS (
    SELECT month, day_delay_sum, day_arrivals, hours
    FROM stop_delay
    WHERE stop_key = $stop_key AND stop_id = $stop_id AND day_type = $day_type
), at_hour AS (
    SELECT month, h.delay_sum::DOUBLE / h.arrivals AS delay, h.arrivals
    FROM (SELECT month, unnest(hours) AS h FROM months)
    WHERE h.hour = $hour
)
SELECT
    months.month, at_hour.delay, coalesce(at_hour.arrivals, 0)::BIGINT AS arrivals,
    day_delay_sum::DOUBLE / day_arrivals AS day_delay, day_arrivals
FROM months LEFT JOIN at_hour USING (month)
ORDER BY months.month
