-- Input: stats.db stretch_months, its months inserted by stretch_months.sql. Output: stretch_months again, ordered by the
-- stretch's keys across all months: a stretch page reads every month of one stretch (its history, its names) and now
-- finds them in one row group instead of in every month's. Ordering the whole table (a row per stretch, month, day type
-- and operator, a tenth of leg_stat_rows) costs 0.7 s at 29 national months, so it is done when a month other than the
-- newest changed or a new month began, not on the nights that only add days to the newest month (Derivation.StatsDb).
CREATE OR REPLACE TABLE stretch_months AS
FROM stretch_months
ORDER BY from_key, to_key, from_stop_id, to_stop_id, data_source, day_type, month
