-- Inputs: stats.db stop_line, line_direction; $from_stop_id, $to_stop_id.
-- Output: the lines that ran the stretch, ordered like a line list (operator, number, label).
SELECT DISTINCT l.dataSource, l.lineRef, d.label, d.line_number
FROM stop_line l JOIN line_direction d USING (dataSource, lineRef)
WHERE l.from_stop_id = $from_stop_id AND l.to_stop_id = $to_stop_id
ORDER BY l.dataSource, d.line_number NULLS LAST, d.label, l.lineRef
