-- Input: every leg_stats partition ($leg_stats). Output: stats.db table leg_stats, month as a DATE column.
CREATE TABLE leg_stats AS
FROM read_parquet($leg_stats, hive_partitioning = true)
ORDER BY month, hour, dataSource, from_stop_id, to_stop_id
