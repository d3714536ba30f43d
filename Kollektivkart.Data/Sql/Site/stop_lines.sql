-- Inputs: stats.db stop_lines. Output: one row per stop and line running a stretch from or to it, with the line's
-- label and number for LineQueries.InListOrder (data-model.md section 5, lines), as lines.sql; read whole once per
-- stats.db (SiteDimensions).
SELECT stop_id, dataSource, lineRef, label, line_number
FROM stop_lines
