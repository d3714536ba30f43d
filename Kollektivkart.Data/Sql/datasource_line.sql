-- Input: all legs ($legs). Output: datasource_line. Grain: distinct (dataSource, lineRef).
SELECT DISTINCT dataSource, lineRef
FROM read_parquet($legs, hive_partitioning = true)
ORDER BY dataSource, lineRef
