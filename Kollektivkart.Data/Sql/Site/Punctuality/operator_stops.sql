-- Inputs: stats.db punctuality_stop_line, punctuality_stop_names; $data_source, $month, $day_type, $limit.
-- Output: the operator's stops with the most very late departures over the whole day (its lines' counts at the stop
-- added up; percentiles, which do not add, only where one line of it runs there), most first, then by name and id.
WITH chosen AS (
    SELECT
        stop_id,
        sum(planned)::INTEGER AS planned, sum(cancelled)::INTEGER AS cancelled, sum(observed)::INTEGER AS observed,
        sum(unknown)::INTEGER AS unknown, sum(early)::INTEGER AS early, sum(on_time)::INTEGER AS on_time,
        sum(late)::INTEGER AS late, sum(very_late)::INTEGER AS very_late,
        CASE WHEN count(*) = 1 THEN any_value(median_delay) END AS median_delay,
        CASE WHEN count(*) = 1 THEN any_value(p90_delay) END AS p90_delay
    FROM punctuality_stop_line
    WHERE data_source = $data_source AND month = $month AND day_type = $day_type AND hour IS NULL
    GROUP BY stop_id
)
SELECT c.*, coalesce(s.name, c.stop_id) AS name, s.lat, s.lon
FROM chosen c
LEFT JOIN punctuality_stop_names s ON s.stop_id = c.stop_id
WHERE c.very_late > 0
ORDER BY c.very_late DESC, name, c.stop_id
LIMIT $limit
