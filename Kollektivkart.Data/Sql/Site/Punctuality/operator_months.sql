-- Inputs: stats.db punctuality_operator. Output: one row per operator, day type and month, the whole day's figures,
-- for trends and month-by-month tables; read whole once per stats.db (SiteDimensions), in the order they are shown.
SELECT *
FROM punctuality_operator
WHERE hour IS NULL
ORDER BY data_source, month, day_type
