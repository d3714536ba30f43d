-- Inputs: stats.db leg_stats, stop_line; $month (first day), $hour, $data_source (NULL: every
-- operator), $line_ref (NULL: every line), $limit (NULL: no limit).
-- Output: one row per stretch with its statistics that month and hour, the highest rush intensity
-- first. Rush intensity = how much slower the slow quarter of this hour's trips is than a normal
-- trip on the stretch; the marker sits 98.5 % of the way to the to stop (data-model.md section 5).
SELECT
    dataSource AS data_source, from_stop_id, to_stop_id, from_stop, to_stop, air_distance_meters,
    from_lat, from_lon, to_lat, to_lon,
    from_lat * 0.985 + to_lat * 0.015 AS lat,
    from_lon * 0.985 + to_lon * 0.015 AS lon,
    round(hourly_quartile / monthly_duration, 1) AS rush_intensity,
    hourly_quartile, hourly_duration, monthly_duration, monthly_delay, hourly_delay,
    monthly_deviation, hourly_deviation, monthly_count, hourly_count,
    mean_hourly_duration, mean_monthly_duration
FROM leg_stats s
WHERE month = $month AND hour = $hour
  AND ($data_source IS NULL OR dataSource = $data_source)
  AND ($line_ref IS NULL OR EXISTS (
      SELECT 1 FROM stop_line l
      WHERE l.lineRef = $line_ref AND l.dataSource = s.dataSource
        AND l.from_stop_id = s.from_stop_id AND l.to_stop_id = s.to_stop_id))
ORDER BY rush_intensity DESC, hourly_quartile - monthly_duration DESC, data_source, from_stop_id, to_stop_id
LIMIT $limit
