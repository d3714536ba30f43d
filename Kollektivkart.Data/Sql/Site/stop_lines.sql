-- Inputs: stats.db stop_lines; $stop_id.
-- Output: one row per line running a stretch from or to the stop, with its label and number, for
-- LineQueries.InListOrder (data-model.md section 5, lines), as lines.sql.
SELECT dataSource, lineRef, label, line_number
FROM stop_lines
WHERE stop_id = $stop_id
