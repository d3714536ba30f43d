-- Input: stats.db stop_delay, its months inserted by stop_delay.sql in month order. Output: stop_delay again, ordered by
-- stop key across all months: a stop page reads its stop's months (the trend) and a month of it (the hours) from one row
-- group. The table is small (a row per stop, month and day type), so ordering it whole each night costs little.
CREATE OR REPLACE TABLE stop_delay AS
FROM stop_delay
ORDER BY stop_key, stop_id, month, day_type
