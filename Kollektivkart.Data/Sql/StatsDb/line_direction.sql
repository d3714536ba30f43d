-- Input: stats.db line_stretch. Output: stats.db table line_direction. Grain: (dataSource, lineRef, direction):
-- where each direction of a line starts and ends, so pages can say "towards X", and the line's label
-- (lineRef after its last ':') and number (the digits lineRef ends with; NULL if none) to list lines by.
-- The origin is the from stop of the direction's first stretch (lowest position), the destination the
-- to stop of its last (highest position); the stretch with more legs wins a tie. A stop without a name is
-- shown by its id.
CREATE OR REPLACE TABLE line_direction AS
SELECT
    dataSource,
    lineRef,
    regexp_extract(lineRef, '[^:]*$') AS label,
    TRY_CAST(regexp_extract(lineRef, '[0-9]+$') AS BIGINT) AS line_number,
    direction,
    first(from_stop_id ORDER BY position, legs DESC, from_stop_id, to_stop_id) AS origin_stop_id,
    first(from_stop ORDER BY position, legs DESC, from_stop_id, to_stop_id) AS origin,
    first(to_stop_id ORDER BY position DESC, legs DESC, from_stop_id, to_stop_id) AS destination_stop_id,
    coalesce(
        first(to_stop ORDER BY position DESC, legs DESC, from_stop_id, to_stop_id),
        first(to_stop_id ORDER BY position DESC, legs DESC, from_stop_id, to_stop_id)) AS destination,
    sum(legs)::BIGINT AS legs
FROM line_stretch
GROUP BY dataSource, lineRef, direction
ORDER BY dataSource, lineRef, direction
