-- Inputs: stats.db leg_stat_rows (leg_stats with marker position), stop_line; $cur_month, $prev_month (first days), $day_type, $hour,
-- $data_source and $line_ref (NULL: all), $limit (NULL: no limit).
-- Output: one row per stretch present in both months at that hour and day type. Net change = current minus
-- previous mean hourly duration (s); pct is relative to the previous month, proportion to the sum
-- of both; the largest |proportion| first (data-model.md section 5).
WITH cur AS (
    FROM leg_stat_rows WHERE month = $cur_month AND day_type = $day_type AND hour = $hour AND ($data_source IS NULL OR data_source = $data_source)
), prev AS (
    FROM leg_stat_rows WHERE month = $prev_month AND day_type = $day_type AND hour = $hour AND ($data_source IS NULL OR data_source = $data_source)
), changes AS (
    SELECT
        cur.data_source, cur.from_stop_id, cur.to_stop_id, cur.from_stop, cur.to_stop,
        cur.mean_hourly_duration - prev.mean_hourly_duration AS net_change_seconds,
        100.0 * net_change_seconds / (cur.mean_hourly_duration + prev.mean_hourly_duration) AS proportion,
        100.0 * net_change_seconds / prev.mean_hourly_duration AS pct,
        cur.air_distance_meters, cur.from_lat, cur.from_lon, cur.to_lat, cur.to_lon,
        cur.lat, cur.lon,
        cur.hourly_quartile AS cur_hourly_quartile, prev.hourly_quartile AS prev_hourly_quartile,
        cur.hourly_duration AS cur_hourly_duration, prev.hourly_duration AS prev_hourly_duration,
        cur.hourly_delay AS cur_hourly_delay, prev.hourly_delay AS prev_hourly_delay,
        cur.hourly_deviation AS cur_hourly_deviation, prev.hourly_deviation AS prev_hourly_deviation,
        cur.mean_hourly_duration AS cur_mean_hourly_duration, prev.mean_hourly_duration AS prev_mean_hourly_duration,
        cur.hourly_count AS cur_hourly_count, prev.hourly_count AS prev_hourly_count,
        cur.monthly_count AS cur_month_count, prev.monthly_count AS prev_monthly_count
    FROM cur JOIN prev USING (data_source, from_stop_id, to_stop_id)
    WHERE $line_ref IS NULL OR EXISTS (
        SELECT 1 FROM stop_line l
        WHERE l.lineRef = $line_ref AND l.dataSource = cur.data_source
          AND l.from_stop_id = cur.from_stop_id AND l.to_stop_id = cur.to_stop_id)
)
SELECT
    * EXCLUDE (proportion, pct),
    round(proportion)::INTEGER AS net_change_proportion,
    round(pct)::INTEGER AS net_change_pct
FROM changes
ORDER BY abs(proportion) DESC, data_source, from_stop_id, to_stop_id
LIMIT $limit
