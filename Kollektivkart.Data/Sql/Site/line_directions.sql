-- Inputs: stats.db line_direction. Output: one row per direction of each line with its origin and destination, a
-- line's directions by direction key, and the line's label and the number its lineRef ends with, which
-- LineQueries.InListOrder orders line lists by (data-model.md section 5, lines); read whole once per stats.db
-- (SiteDimensions): the lines of an operator, of a stop's punctuality and of a stretch come from it.
SELECT dataSource, lineRef, label, line_number, direction, origin_stop_id, origin, destination_stop_id, destination, legs
FROM line_direction
ORDER BY dataSource, lineRef, direction NULLS LAST
