-- Inputs: stats.db leg_stats; $stop_id, $hour.
-- Output: one row per month with legs arriving at the stop: the delay at the stop at that hour
-- (hourly_delay weighted by legs; NULL and 0 arrivals when the hour has no statistics that month)
-- and over the whole weekday (monthly_delay weighted by monthly_count, each stretch once: the
-- monthly figures repeat on every hour's row of a stretch).
WITH arriving AS (
    FROM leg_stats WHERE to_stop_id = $stop_id
), at_hour AS (
    SELECT
        month,
        sum(hourly_delay * hourly_count)::DOUBLE / sum(hourly_count) AS delay,
        sum(hourly_count)::BIGINT AS arrivals
    FROM arriving
    WHERE hour = $hour
    GROUP BY month
), stretches AS (
    SELECT month, dataSource, from_stop_id, any_value(monthly_delay) AS monthly_delay, any_value(monthly_count) AS monthly_count
    FROM arriving
    GROUP BY month, dataSource, from_stop_id
), whole_day AS (
    SELECT
        month,
        sum(monthly_delay * monthly_count)::DOUBLE / sum(monthly_count) AS day_delay,
        sum(monthly_count)::BIGINT AS day_arrivals
    FROM stretches
    GROUP BY month
)
SELECT month, at_hour.delay, coalesce(at_hour.arrivals, 0)::BIGINT AS arrivals, whole_day.day_delay, whole_day.day_arrivals
FROM whole_day LEFT JOIN at_hour USING (month)
ORDER BY month
