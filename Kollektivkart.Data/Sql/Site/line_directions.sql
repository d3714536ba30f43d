-- Inputs: stats.db line_direction. Output: one row per direction of each line with its origin and destination, a
-- line's directions by direction key; read whole once per stats.db (SiteDimensions).
SELECT dataSource, lineRef, label, direction, origin_stop_id, origin, destination_stop_id, destination, legs
FROM line_direction
ORDER BY dataSource, lineRef, direction NULLS LAST
