-- Inputs: stats.db punctuality_stop, punctuality_stop_line, punctuality_stop_names; $month, $day_type, $hour (NULL: the whole day), $data_source
-- and $line_ref (NULL: every operator, every line).
-- Output: one row per stop with departures (of that operator or line), with its name and position. For all operators and
-- for one line the stop's own group; for an operator its lines' counts added up (counts add; its percentiles, which do
-- not, only when one line of it runs there).
WITH chosen AS (
    SELECT stop_id, planned, cancelled, observed, unknown, early, on_time, late, very_late, median_delay, p90_delay
    FROM punctuality_stop
    WHERE $data_source IS NULL AND month = $month AND day_type = $day_type AND hour IS NOT DISTINCT FROM $hour
    UNION ALL
    SELECT
        stop_id,
        sum(planned)::INTEGER, sum(cancelled)::INTEGER, sum(observed)::INTEGER, sum(unknown)::INTEGER,
        sum(early)::INTEGER, sum(on_time)::INTEGER, sum(late)::INTEGER, sum(very_late)::INTEGER,
        CASE WHEN count(*) = 1 THEN any_value(median_delay) END,
        CASE WHEN count(*) = 1 THEN any_value(p90_delay) END
    FROM punctuality_stop_line
    WHERE $data_source IS NOT NULL AND data_source = $data_source AND ($line_ref IS NULL OR line_ref = $line_ref)
      AND month = $month AND day_type = $day_type AND hour IS NOT DISTINCT FROM $hour
    GROUP BY stop_id
)
SELECT c.*, coalesce(s.name, c.stop_id) AS name, s.lat, s.lon
FROM chosen c
LEFT JOIN punctuality_stop_names s ON s.stop_id = c.stop_id
ORDER BY c.stop_id
