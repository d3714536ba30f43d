-- Inputs: stats.db leg_stat_rows; $from_stop_id, $to_stop_id and their keys ($from_key, $to_key), $day_type, $hour.
-- Output: data-model.md section 8, the stretch over time: per operator and month with statistics on that day
-- type, the median, 75th percentile and legs at the hour (NULL when the hour has none that month) and over the
-- whole day (the same on every hour's row of a month). Operators are never merged: each has its own series.
SELECT
    data_source, month,
    max(hourly_duration) FILTER (WHERE hour = $hour) AS hourly_duration,
    max(hourly_quartile) FILTER (WHERE hour = $hour) AS hourly_quartile,
    max(hourly_count) FILTER (WHERE hour = $hour) AS hourly_count,
    any_value(monthly_duration) AS monthly_duration,
    any_value(monthly_quartile) AS monthly_quartile,
    any_value(monthly_count) AS monthly_count
FROM leg_stat_rows
WHERE from_key = $from_key AND to_key = $to_key AND from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id AND day_type = $day_type
GROUP BY data_source, month
ORDER BY data_source, month
