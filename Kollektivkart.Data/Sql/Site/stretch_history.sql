-- Inputs: stats.db stretch_months; $from_stop_id, $to_stop_id and their keys ($from_key, $to_key), $day_type, $hour.
-- Output: data-model.md section 8, the stretch over time: per operator and month with statistics on that day
-- type, the median, 75th percentile and legs at the hour (NULL when the hour has none that month) and over the
-- whole day. Operators are never merged: each has its own series.
WITH months AS (
    SELECT data_source, month, monthly_duration, monthly_quartile, monthly_count, hours
    FROM stretch_months
    WHERE from_key = $from_key AND to_key = $to_key AND from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id AND day_type = $day_type
), at_hour AS (
    SELECT data_source, month, h.hourly_duration, h.hourly_quartile, h.hourly_count
    FROM (SELECT data_source, month, unnest(hours) AS h FROM months)
    WHERE h.hour = $hour
)
SELECT
    data_source, month, at_hour.hourly_duration, at_hour.hourly_quartile, at_hour.hourly_count,
    monthly_duration, monthly_quartile, monthly_count
FROM months LEFT JOIN at_hour USING (data_source, month)
ORDER BY data_source, month
