-- Inputs: stats.db hot_spots; $month (first day), $day_type, $hour, $limit (MapQueries.HotSpotLimit).
-- Output: one row, how many rows hot_spots.sql gives at that limit: a page showing the first hot spots says how
-- many there are without reading the rest.
SELECT least(count(*), $limit)::INTEGER
FROM hot_spots
WHERE month = $month AND day_type = $day_type AND hour = $hour
