-- Inputs: stats.db punctuality_stop_line_direction, punctuality_stop_names; $data_source, $line_ref and its $line_key, $month, $day_type,
-- $hour (NULL: the whole day), $and_whole_day (also the whole day's rows: the line page shows both, from one query).
-- Output: one row per direction and stop of the line, in route order (direction, the stop's usual sequence number).
SELECT p.*, coalesce(s.name, p.stop_id) AS name
FROM punctuality_stop_line_direction p
LEFT JOIN punctuality_stop_names s ON s.stop_id = p.stop_id
WHERE p.line_key = $line_key AND p.data_source = $data_source AND p.line_ref = $line_ref
  AND p.month = $month AND p.day_type = $day_type AND (p.hour IS NOT DISTINCT FROM $hour OR ($and_whole_day AND p.hour IS NULL))
ORDER BY p.direction, p.position, p.stop_id
