-- Input: one operating day's arrivals ($arrivals). Output: the day's datasources part of the day summary.
-- Grain: distinct (dataSource, dataSourceName) of the day; the lookup keeps each one's name of its latest day.
SELECT DISTINCT dataSource, dataSourceName
FROM read_parquet($arrivals)
WHERE dataSource IS NOT NULL
