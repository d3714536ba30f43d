-- Input: every leg_stats partition ($leg_stats). Output: stats.db table leg_stats, month as a DATE column.
-- Ordered as the views read it (a month, day type and hour at a time), so DuckDB skips the other row groups.
CREATE TABLE leg_stats AS
FROM read_parquet($leg_stats, hive_partitioning = true)
ORDER BY month, day_type, hour, dataSource, from_stop_id, to_stop_id
