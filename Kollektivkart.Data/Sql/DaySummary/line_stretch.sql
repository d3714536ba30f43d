-- Input: one operating day's legs ($legs). Output: the day's line_stretch part of the day summary.
-- Grain: (dataSource, lineRef, direction, from_stop_id, to_stop_id, sequenceNr): how many legs ran the
-- stretch from that call, its newest start and the names of the newest leg. Counts add up over days,
-- so the lookup's median position over all history comes out exactly as from every leg.
SELECT
    dataSource, lineRef, direction, from_stop_id, to_stop_id, sequenceNr,
    count(*) AS legs,
    max(start_time) AS newest,
    arg_max(from_stop, start_time) AS from_stop,
    arg_max(to_stop, start_time) AS to_stop
FROM read_parquet($legs)
GROUP BY dataSource, lineRef, direction, from_stop_id, to_stop_id, sequenceNr
