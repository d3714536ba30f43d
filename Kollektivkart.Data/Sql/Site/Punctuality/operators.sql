-- Inputs: stats.db punctuality_operator, datasources; $month, $day_type, $hour (NULL: the whole day).
-- Output: one row per operator with departures that month, day type and hour (data-model.md section 9), its name.
SELECT p.*, coalesce(d.dataSourceName, p.data_source) AS name
FROM punctuality_operator p
LEFT JOIN datasources d ON d.dataSource = p.data_source
WHERE p.month = $month AND p.day_type = $day_type AND p.hour IS NOT DISTINCT FROM $hour
ORDER BY p.data_source
