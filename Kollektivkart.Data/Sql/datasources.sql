-- Input: all arrivals ($arrivals). Output: datasources. Grain: one row per dataSource,
-- with the dataSourceName of its latest operating day (operators get renamed).
SELECT dataSource, arg_max(dataSourceName, operatingDate) AS dataSourceName
FROM read_parquet($arrivals, hive_partitioning = true)
WHERE dataSource IS NOT NULL
GROUP BY dataSource
ORDER BY dataSource
