-- Inputs: stats.db stretch_months; $from_stop_id, $to_stop_id and their keys ($from_key, $to_key: StatsKeys.Stop).
-- Output: one row per operator with statistics on the stretch (any month, hour or day type): the stops' names
-- in its newest month, and the months it has; none when the stretch has no statistics.
SELECT
    data_source,
    arg_max(from_stop, month) AS from_stop,
    arg_max(to_stop, month) AS to_stop,
    arg_max(from_lat, month) AS from_lat, arg_max(from_lon, month) AS from_lon,
    arg_max(to_lat, month) AS to_lat, arg_max(to_lon, month) AS to_lon,
    arg_max(air_distance_meters, month) AS air_distance_meters
FROM stretch_months
WHERE from_key = $from_key AND to_key = $to_key AND from_stop_id = $from_stop_id AND to_stop_id = $to_stop_id
GROUP BY data_source
ORDER BY data_source
