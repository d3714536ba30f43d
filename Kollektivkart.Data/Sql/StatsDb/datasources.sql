-- Input: datasources.parquet ($datasources), leg_stats. Output: stats.db table datasources:
-- the operators that have statistics to show.
CREATE TABLE datasources AS
SELECT dataSource, dataSourceName
FROM read_parquet($datasources)
WHERE dataSource IN (SELECT dataSource FROM leg_stats)
ORDER BY dataSource
