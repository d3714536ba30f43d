-- Input: the line_stretch parts of every day with legs ($parts, counts per sequenceNr). Output: line_stretch.
-- Grain: (dataSource, lineRef, direction, from_stop_id, to_stop_id): each stretch a line runs in a canonical
-- direction, with its place on the route and how many legs ran it.
-- position = the median sequenceNr of the legs' from calls, so a direction's stretches sort in route order
-- even when some journeys skip or add calls. Names are the newest leg's.
-- The median is taken from counts per sequenceNr rather than median() over every leg: the days' counts
-- add up to those of all legs, and reading them costs a fraction of reading the legs.
WITH counted AS (
    SELECT
        dataSource, lineRef, direction, from_stop_id, to_stop_id, sequenceNr,
        sum(legs)::BIGINT AS legs,
        max(newest) AS newest,
        arg_max(from_stop, newest) AS from_stop,
        arg_max(to_stop, newest) AS to_stop
    FROM read_parquet($parts)
    GROUP BY dataSource, lineRef, direction, from_stop_id, to_stop_id, sequenceNr
), ranked AS (
    SELECT
        *,
        sum(legs) OVER (stretch ORDER BY sequenceNr ROWS UNBOUNDED PRECEDING) AS legs_so_far,
        sum(legs) OVER stretch AS total
    FROM counted
    WINDOW stretch AS (PARTITION BY dataSource, lineRef, direction, from_stop_id, to_stop_id)
)
SELECT
    dataSource, lineRef, direction, from_stop_id, to_stop_id,
    arg_max(from_stop, newest) AS from_stop,
    arg_max(to_stop, newest) AS to_stop,
    -- The middle leg, or the mean of the two middle legs when the count is even.
    (min(sequenceNr) FILTER (WHERE legs_so_far >= (total + 1) // 2)
        + min(sequenceNr) FILTER (WHERE legs_so_far >= total // 2 + 1)) / 2.0 AS position,
    sum(legs)::BIGINT AS legs
FROM ranked
GROUP BY dataSource, lineRef, direction, from_stop_id, to_stop_id
ORDER BY dataSource, lineRef, direction, position, from_stop_id, to_stop_id
