-- Input: datasource_line.parquet ($datasource_line). Output: stats.db table datasource_line.
CREATE OR REPLACE TABLE datasource_line AS FROM read_parquet($datasource_line)
