-- Inputs: stats.db month_changes (changes.sql's answer for each month against the month before, ranked at publish),
-- stop_line; $month (first day), $day_type, $data_source, $line_ref and $stop_id (NULL: any), $limit (NULL: no limit).
-- Output: what changes.sql answers with $baseline the month before $month: the changed stretches of that operator,
-- line or stop keep their order among all of them, so the first $limit ranks left after the conditions are the answer.
WITH hours AS (
    FROM month_changes
    WHERE month = $month AND day_type = $day_type
      AND ($data_source IS NULL OR data_source = $data_source)
      AND ($stop_id IS NULL OR $stop_id IN (from_stop_id, to_stop_id))
      AND ($line_ref IS NULL OR EXISTS (
          SELECT 1 FROM stop_line l
          WHERE l.lineRef = $line_ref AND l.dataSource = month_changes.data_source
            AND l.from_stop_id = month_changes.from_stop_id AND l.to_stop_id = month_changes.to_stop_id))
), ranked AS (
    SELECT DISTINCT rank FROM hours ORDER BY rank LIMIT $limit
)
SELECT * EXCLUDE (month, day_type, rank)
FROM hours
WHERE rank IN (SELECT rank FROM ranked)
ORDER BY rank, hour
