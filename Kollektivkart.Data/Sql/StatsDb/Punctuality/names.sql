-- Input: stats.db punctuality_stop_months. Output: stats.db table punctuality_stop_names. Grain: stop_id: each stop with
-- punctuality figures, its name and position in the newest month that has it (the stop registry's at the time), for the
-- pages and the map.
CREATE OR REPLACE TABLE punctuality_stop_names AS
SELECT stop_id, arg_max(name, month) AS name, arg_max(lat, month) AS lat, arg_max(lon, month) AS lon
FROM punctuality_stop_months
GROUP BY stop_id
ORDER BY stop_id
