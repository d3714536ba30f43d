-- Input: stats.db leg_stat_rows; $month, the month to build. Output: that month's rows of stats.db table stop_months.
-- Grain: (month, stop_id, data_source, name, lat, lon): each stop place at either end of a stretch with statistics that
-- month, as that month's rows name and place it, per operator. Table stops is made from it, so a night that rebuilds one
-- month does not read every month's stretches again.
SELECT DISTINCT month, stop_id, data_source, name, lat, lon
FROM (
    SELECT month, from_stop_id AS stop_id, data_source, from_stop AS name, from_lat AS lat, from_lon AS lon
    FROM leg_stat_rows WHERE month = $month
    UNION ALL
    SELECT month, to_stop_id, data_source, to_stop, to_lat, to_lon
    FROM leg_stat_rows WHERE month = $month
)
ORDER BY month, stop_id, data_source, name, lat, lon
