-- Input: stats.db stop_delay, its months inserted by stop_delay.sql in month order. Output: stop_delay again, ordered by
-- stop key across all months: a stop page reads its stop's months (the trend) and a month of it (the hours) from one row
-- group. Done when a month other than the newest changed or a new month began (Derivation.StatsDb): on the nights that
-- only add days to the newest month, its rows (in stop order, stop_delay.sql) are appended at the end instead.
CREATE OR REPLACE TABLE stop_delay AS
FROM stop_delay
ORDER BY stop_key, stop_id, month, day_type
