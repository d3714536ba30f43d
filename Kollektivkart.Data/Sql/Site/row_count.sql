-- Input: $table, the name of one stats.db table. Output: one row, its row count. The job counts each table in the
-- stats.db it built, before and after closing it, to see that the file holds what it wrote.
SELECT count(*)::BIGINT AS row_count FROM query_table($table)
