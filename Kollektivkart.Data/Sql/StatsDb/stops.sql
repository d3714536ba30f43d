-- Input: stats.db stop_months. Output: stats.db table stops. Grain: one row per stop place that is the from or to stop
-- of a stretch with statistics: its name and position in the newest month that has it, and the operators (data sources)
-- with statistics there, sorted. A stop without a name is shown by its id.
CREATE OR REPLACE TABLE stops AS
WITH newest AS (
    SELECT
        stop_id,
        first({'name': name, 'lat': lat, 'lon': lon} ORDER BY month DESC, name NULLS LAST, lat, lon) AS place,
        list(DISTINCT data_source ORDER BY data_source) AS data_sources
    FROM stop_months
    GROUP BY stop_id
)
SELECT stop_id, coalesce(place.name, stop_id) AS name, place.lat AS lat, place.lon AS lon, data_sources
FROM newest
ORDER BY stop_id
