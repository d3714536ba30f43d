-- Input: stats.db leg_stat_rows; $month, the month to build. Output: that month's rows of stats.db table month_stretches.
-- Grain: (month, data_source, from_stop_id, to_stop_id): the stretches with statistics that month, at any hour and day
-- type. line_route and datasources are made from it, so a night that rebuilds one month does not read every month's
-- stretches again.
SELECT DISTINCT month, data_source, from_stop_id, to_stop_id
FROM leg_stat_rows
WHERE month = $month
ORDER BY month, data_source, from_stop_id, to_stop_id
