-- Inputs: stats.db line_stretch, leg_stats, leg_stat_rows; $data_source, $line_ref, $month (first day), $day_type, $hour.
-- Output: the line's stretches, direction by direction (by key) in route order (position), each with its
-- statistics that month, day type and hour (the columns of leg_stat_rows; NULL when it has none that hour).
-- line_stretch holds every stretch the line ever ran: only those with statistics that month, at any hour,
-- are on the route, so old route variants do not show as gaps.
-- A stretch is listed once, under the direction in which the line ran it most: journeys with a
-- mislabelled direction would otherwise list it under both.
WITH stretches AS (
    FROM line_stretch
    WHERE dataSource = $data_source AND lineRef = $line_ref
      AND EXISTS (
          SELECT 1 FROM leg_stats m
          WHERE m.month = $month AND m.dataSource = line_stretch.dataSource
            AND m.from_stop_id = line_stretch.from_stop_id AND m.to_stop_id = line_stretch.to_stop_id)
    QUALIFY row_number() OVER (PARTITION BY from_stop_id, to_stop_id ORDER BY legs DESC, direction NULLS LAST) = 1
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
