-- Inputs: stats.db punctuality_stop_line; $stop_id and its $stop_key, $month, $day_type, $hour.
-- Output: one row per line with departures from the stop that month and day type, at $hour and over the whole day
-- (hour NULL), with the line's label and number as line lists show them (line_direction.sql's rule, a function of
-- lineRef, so the same for a line without stretches). Whether a line has a line page (a row in line_direction)
-- PunctualityQueries.StopLinesLabelled asks SiteDimensions.
SELECT p.*,
    p.data_source AS dataSource,
    p.line_ref AS lineRef,
    regexp_extract(p.line_ref, '[^:]*$') AS label,
    TRY_CAST(regexp_extract(p.line_ref, '[0-9]+$') AS BIGINT) AS line_number
FROM punctuality_stop_line p
WHERE p.month = $month AND p.stop_key = $stop_key AND p.stop_id = $stop_id AND p.day_type = $day_type AND (p.hour = $hour OR p.hour IS NULL)
