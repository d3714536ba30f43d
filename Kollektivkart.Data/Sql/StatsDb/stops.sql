-- Input: stats.db leg_stats. Output: stats.db table stops. Grain: one row per stop place that is the
-- from or to stop of a leg_stats row: its name and position in the newest month that has it, and the
-- operators (data sources) with statistics there, sorted. A stop without a name is shown by its id.
CREATE TABLE stops AS
WITH ends AS (
    SELECT from_stop_id AS stop_id, from_stop AS name, from_lat AS lat, from_lon AS lon, month, dataSource
    FROM leg_stats
    UNION ALL
    SELECT to_stop_id, to_stop, to_lat, to_lon, month, dataSource
    FROM leg_stats
), newest AS (
    SELECT
        stop_id,
        first({'name': name, 'lat': lat, 'lon': lon} ORDER BY month DESC, name NULLS LAST, lat, lon) AS place,
        list(DISTINCT dataSource ORDER BY dataSource) AS data_sources
    FROM ends
    GROUP BY stop_id
)
SELECT stop_id, coalesce(place.name, stop_id) AS name, place.lat AS lat, place.lon AS lon, data_sources
FROM newest
ORDER BY stop_id
