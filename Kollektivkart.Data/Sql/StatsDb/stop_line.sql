-- Input: stop_line.parquet ($stop_line). Output: stats.db table stop_line.
CREATE OR REPLACE TABLE stop_line AS FROM read_parquet($stop_line)
