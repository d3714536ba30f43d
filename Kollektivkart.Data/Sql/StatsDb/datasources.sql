-- Input: datasources.parquet ($datasources), stats.db month_stretches. Output: stats.db table datasources:
-- the operators that have statistics to show.
CREATE OR REPLACE TABLE datasources AS
SELECT dataSource, dataSourceName
FROM read_parquet($datasources)
WHERE dataSource IN (SELECT data_source FROM month_stretches)
ORDER BY dataSource
