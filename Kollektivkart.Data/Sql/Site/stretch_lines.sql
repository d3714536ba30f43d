-- Inputs: stats.db stop_line. Output: one row per stretch and line that ran it; read whole once per stats.db
-- (SiteDimensions), which labels and numbers each line as line_direction does (a line without a row there is left
-- out, as the join with line_direction left it out) for StretchQueries.Lines to order by operator, then like a line list.
SELECT DISTINCT from_stop_id, to_stop_id, dataSource, lineRef
FROM stop_line
