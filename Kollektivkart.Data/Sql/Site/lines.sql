-- Inputs: stats.db line_direction; $data_source.
-- Output: one row per line of the operator with its label; ordered by the number lineRef ends with (lines without
-- one last), then by label (data-model.md section 5, lines). A stop's lines are in stop_lines, in the same order.
SELECT DISTINCT l.dataSource, l.lineRef, l.label, l.line_number
FROM line_direction l
WHERE l.dataSource = $data_source
ORDER BY l.line_number NULLS LAST, l.label, l.dataSource, l.lineRef
