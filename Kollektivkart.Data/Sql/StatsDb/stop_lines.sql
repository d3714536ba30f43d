-- Inputs: stats.db stop_line, line_direction. Output: stats.db table stop_lines. Grain: (stop_id, dataSource, lineRef):
-- the lines running a stretch from or to each stop, with their label and number, in the order of a line list
-- (Site/line_directions.sql), so a stop page reads its stop's rows instead of testing every line against stop_line.
CREATE OR REPLACE TABLE stop_lines AS
WITH ends AS (
    SELECT dataSource, lineRef, from_stop_id AS stop_id FROM stop_line
    UNION
    SELECT dataSource, lineRef, to_stop_id FROM stop_line
)
SELECT DISTINCT e.stop_id, d.dataSource, d.lineRef, d.label, d.line_number
FROM ends e JOIN line_direction d USING (dataSource, lineRef)
ORDER BY stop_id, line_number NULLS LAST, label, dataSource, lineRef
