-- Input: one operating day's legs ($legs). Output: the day's datasource_line part of the day summary.
-- Grain: distinct (dataSource, lineRef) of the day.
SELECT DISTINCT dataSource, lineRef
FROM read_parquet($legs)
