-- Inputs: stats.db line_direction; $data_source, $line_ref.
-- Output: one row per direction of the line with its origin and destination, by direction key.
SELECT dataSource, lineRef, label, direction, origin_stop_id, origin, destination_stop_id, destination, legs
FROM line_direction
WHERE dataSource = $data_source AND lineRef = $line_ref
ORDER BY direction NULLS LAST
