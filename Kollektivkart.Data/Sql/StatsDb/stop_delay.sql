-- Input: stats.db leg_stat_rows, macro stop_key; $month, the month to build. Output: that month's rows of stats.db table
-- stop_delay. Grain: (stop_id, month, day_type), legs arriving at the stop: the whole day's delay (monthly_delay weighted
-- by monthly_count, each arriving stretch once: its monthly figures repeat on every hour's row) and, per hour, the sums
-- of hourly_delay and hourly_deviation weighted by legs and how many legs arrived. A stop page's delay by hour and
-- month-by-month trend read one short row per month instead of every stretch of the stop (stop_delay_order.sql then
-- orders the table by stop key).
WITH month_rows AS (
    FROM leg_stat_rows WHERE month = $month
), hourly AS (
    SELECT
        to_stop_id AS stop_id, month, day_type, hour,
        sum(hourly_delay * hourly_count)::BIGINT AS delay_sum,
        sum(hourly_deviation * hourly_count)::BIGINT AS delay_added_sum,
        sum(hourly_count)::BIGINT AS arrivals
    FROM month_rows
    GROUP BY to_stop_id, month, day_type, hour
), stretches AS (
    SELECT to_stop_id, month, day_type, data_source, from_stop_id, any_value(monthly_delay) AS monthly_delay, any_value(monthly_count) AS monthly_count
    FROM month_rows
    GROUP BY to_stop_id, month, day_type, data_source, from_stop_id
), whole_day AS (
    SELECT
        to_stop_id AS stop_id, month, day_type,
        sum(monthly_delay * monthly_count)::BIGINT AS day_delay_sum,
        sum(monthly_count)::BIGINT AS day_arrivals
    FROM stretches
    GROUP BY to_stop_id, month, day_type
)
SELECT
    stop_key(d.stop_id) AS stop_key, d.stop_id, d.month, d.day_type, d.day_delay_sum, d.day_arrivals,
    list({'hour': h.hour, 'delay_sum': h.delay_sum, 'delay_added_sum': h.delay_added_sum, 'arrivals': h.arrivals} ORDER BY h.hour) AS hours
FROM whole_day d JOIN hourly h USING (stop_id, month, day_type)
GROUP BY d.stop_id, d.month, d.day_type, d.day_delay_sum, d.day_arrivals
ORDER BY d.month, stop_key, d.stop_id, d.day_type
