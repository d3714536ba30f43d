-- Input: the stop_line parts of every day with legs ($parts). Output: stop_line.
-- Grain: distinct (lineRef, dataSource, from_stop_id, to_stop_id): which lines run each stretch.
SELECT DISTINCT lineRef, dataSource, from_stop_id, to_stop_id
FROM read_parquet($parts)
ORDER BY dataSource, lineRef, from_stop_id, to_stop_id
