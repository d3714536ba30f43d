-- Input: the punctuality partition of the month to build ($punctuality). Output: that month's rows of stats.db table
-- punctuality_stop_months. Grain: (month, stop_id): each stop with punctuality figures that month, with the name and
-- position the stop registry gave it then. punctuality_stop_names is made from it, so a night that rebuilds one month
-- does not read every month again.
SELECT DISTINCT month, stop_id, stop_name AS name, lat, lon
FROM read_parquet($punctuality, hive_partitioning = true)
WHERE grain = 'stop' AND hour IS NULL
ORDER BY month, stop_id, name, lat, lon
