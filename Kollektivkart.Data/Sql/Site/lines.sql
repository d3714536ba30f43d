-- Inputs: stats.db line_direction. Output: one row per line of each operator with its label and the number lineRef
-- ends with, which LineQueries.InListOrder orders by (lines without one last), then by label in Norwegian order
-- (data-model.md section 5, lines); read whole once per stats.db (SiteDimensions).
SELECT DISTINCT l.dataSource, l.lineRef, l.label, l.line_number
FROM line_direction l
