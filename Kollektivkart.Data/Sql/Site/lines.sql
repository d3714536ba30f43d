-- Inputs: stats.db line_direction, stop_line; $data_source (NULL: every operator), $stop_id (NULL: any stop).
-- Output: one row per line of the operator, or serving the stop (running a stretch from or to it), with
-- its label; ordered by the number lineRef ends with (lines without one last), then by label
-- (data-model.md section 5, lines).
SELECT DISTINCT l.dataSource, l.lineRef, l.label, l.line_number
FROM line_direction l
WHERE ($data_source IS NULL OR l.dataSource = $data_source)
  AND ($stop_id IS NULL OR EXISTS (
      SELECT 1 FROM stop_line s
      WHERE s.dataSource = l.dataSource AND s.lineRef = l.lineRef AND $stop_id IN (s.from_stop_id, s.to_stop_id)))
ORDER BY l.line_number NULLS LAST, l.label, l.dataSource, l.lineRef
