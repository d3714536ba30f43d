-- Inputs: stats.db stops; $stop_id. Output: that stop place, none when it has no statistics.
SELECT stop_id, name, lat, lon, data_sources
FROM stops
WHERE stop_id = $stop_id
