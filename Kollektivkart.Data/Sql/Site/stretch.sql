-- Inputs: stats.db leg_stats; $from_stop_id, $to_stop_id.
-- Output: one row per operator with statistics on the stretch (any month, hour or day type): the stops' names
-- in its newest month, and the months it has; none when the stretch has no statistics.
SELECT
    dataSource AS data_source,
    arg_max(from_stop, month) AS from_stop,
    arg_max(to_stop, month) AS to_stop,
    arg_max(from_lat, month) AS from_lat, arg_max(from_lon, month) AS from_lon,
    arg_max(to_lat, month) AS to_lat, arg_max(to_lon, month) AS to_lon,
    arg_max(air_distance_meters, month) AS air_distance_meters
FROM leg_stats
WHERE from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id
GROUP BY dataSource
ORDER BY dataSource
