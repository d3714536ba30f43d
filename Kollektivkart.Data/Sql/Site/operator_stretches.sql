-- Input: stats.db stretch_months (a row per stretch, month, day type and operator). Output: one row per operator, month
-- and day type with statistics: how many stretches (from stop, to stop) it has at any hour; read whole once per
-- stats.db (SiteDimensions).
SELECT month, day_type, data_source, count(*)::INTEGER AS stretches
FROM stretch_months
GROUP BY month, day_type, data_source
