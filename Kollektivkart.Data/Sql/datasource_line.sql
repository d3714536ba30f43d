-- Input: the datasource_line parts of every day with legs ($parts). Output: datasource_line.
-- Grain: distinct (dataSource, lineRef).
SELECT DISTINCT dataSource, lineRef
FROM read_parquet($parts)
ORDER BY dataSource, lineRef
