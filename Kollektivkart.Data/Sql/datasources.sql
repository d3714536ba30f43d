-- Input: the datasources parts of every operating day's summary ($parts). Output: datasources.
-- Grain: one row per dataSource, with the dataSourceName of its latest operating day (operators get renamed).
SELECT dataSource, arg_max(dataSourceName, operatingDate) AS dataSourceName
FROM read_parquet($parts, hive_partitioning = true)
GROUP BY dataSource
ORDER BY dataSource
