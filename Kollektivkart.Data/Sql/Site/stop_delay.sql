-- Inputs: stats.db stop_delay (leg_stats summed per arriving stop and month, per hour in a list); $stop_id and its
-- $stop_key, $month (first day), $day_type.
-- Output: the stop's rows a stop page charts, in one read of its rows: every day type of $month (its delay by hour) and
-- every month of $day_type (its trend). Per row the whole day's sums and, hour by hour in lists ordered by hour, the
-- sums of delay and delay added and how many legs arrived. StopQueries divides the sums by the legs: the delay at the
-- stop (hourly_delay weighted by legs), the delay added on the way in (hourly_deviation), and over the whole day
-- monthly_delay weighted by monthly_count, each stretch once.
SELECT
    month, day_type, day_delay_sum, day_arrivals,
    list_transform(hours, h -> h.hour) AS hour,
    list_transform(hours, h -> h.delay_sum) AS delay_sum,
    list_transform(hours, h -> h.delay_added_sum) AS delay_added_sum,
    list_transform(hours, h -> h.arrivals) AS arrivals
FROM stop_delay
WHERE stop_key = $stop_key AND stop_id = $stop_id AND (month = $month OR day_type = $day_type)
