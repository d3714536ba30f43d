-- Inputs: stats.db stops. Output: every stop place with statistics, its newest name and position and its operators;
-- read whole once per stats.db (SiteDimensions): a page looks a stop up in memory.
SELECT stop_id, name, lat, lon, data_sources
FROM stops
