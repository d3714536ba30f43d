-- Inputs: stats.db stop_line, line_direction; $from_stop_id, $to_stop_id.
-- Output: the lines that ran the stretch, with label and number, for StretchQueries.Lines to order by operator, then
-- like a line list (LineQueries.InListOrder).
SELECT DISTINCT l.dataSource, l.lineRef, d.label, d.line_number
FROM stop_line l JOIN line_direction d USING (dataSource, lineRef)
WHERE l.from_stop_id = $from_stop_id AND l.to_stop_id = $to_stop_id
