-- Inputs: stats.db line_route (a line's stretches with statistics in each month, chosen at publish), leg_stat_rows;
-- $data_source, $line_ref and its $line_key (StatsKeys.Line), $month (first day), $day_type, $hour.
-- Output: the line's stretches, direction by direction (by key) in route order (position), each with its
-- statistics that month, day type and hour (the columns of leg_stat_rows; NULL when it has none that hour).
-- line_route holds, of every stretch the line ever ran, those with statistics that month at any hour, so old
-- route variants do not show as gaps; each once, under the direction in which the line ran it most, as journeys
-- with a mislabelled direction would otherwise list it under both.
WITH stretches AS (
    FROM line_route
    WHERE month = $month AND line_key = $line_key AND dataSource = $data_source AND lineRef = $line_ref
)
SELECT
    r.direction, r.position, r.legs AS line_legs,
    r.dataSource AS data_source, r.from_stop_id, r.to_stop_id,
    coalesce(s.from_stop, r.from_stop, r.from_stop_id) AS from_stop,
    coalesce(s.to_stop, r.to_stop, r.to_stop_id) AS to_stop,
    s.hourly_count IS NOT NULL AS has_stats,
    s.* EXCLUDE (month, day_type, hour, data_source, from_stop_id, to_stop_id, from_stop, to_stop)
FROM stretches r
LEFT JOIN leg_stat_rows s
    ON s.month = $month AND s.day_type = $day_type AND s.hour = $hour AND s.data_source = r.dataSource
    AND s.from_stop_id = r.from_stop_id AND s.to_stop_id = r.to_stop_id
ORDER BY r.direction NULLS LAST, r.position, r.legs DESC, r.from_stop_id, r.to_stop_id
