-- Inputs: stats.db stop_lines; $stop_id.
-- Output: one row per line running a stretch from or to the stop, with its label; ordered by the number lineRef
-- ends with (lines without one last), then by label (data-model.md section 5, lines), as lines.sql orders them.
SELECT dataSource, lineRef, label
FROM stop_lines
WHERE stop_id = $stop_id
ORDER BY line_number NULLS LAST, label, dataSource, lineRef
