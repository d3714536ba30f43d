-- Inputs: stats.db punctuality_stop_line, line_direction (labels); $stop_id and its $stop_key, $month, $day_type, $hour.
-- Output: one row per line with departures from the stop that month and day type, at $hour and over the whole day
-- (hour NULL), with the line's label and number as line lists show them (line_direction.sql's rule for a line without
-- stretches) and whether it has a line page (a row in line_direction), for LineQueries.InListOrder.
SELECT p.*,
    p.data_source AS dataSource,
    p.line_ref AS lineRef,
    coalesce(l.label, regexp_extract(p.line_ref, '[^:]*$')) AS label,
    coalesce(l.line_number, TRY_CAST(regexp_extract(p.line_ref, '[0-9]+$') AS BIGINT)) AS line_number,
    l.lineRef IS NOT NULL AS has_page
FROM punctuality_stop_line p
LEFT JOIN (SELECT DISTINCT dataSource, lineRef, label, line_number FROM line_direction) l
    ON l.dataSource = p.data_source AND l.lineRef = p.line_ref
WHERE p.month = $month AND p.stop_key = $stop_key AND p.stop_id = $stop_id AND p.day_type = $day_type AND (p.hour = $hour OR p.hour IS NULL)
