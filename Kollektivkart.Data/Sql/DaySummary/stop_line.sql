-- Input: one operating day's legs ($legs). Output: the day's stop_line part of the day summary.
-- Grain: distinct (lineRef, dataSource, from_stop_id, to_stop_id) of the day.
SELECT DISTINCT lineRef, dataSource, from_stop_id, to_stop_id
FROM read_parquet($legs)
