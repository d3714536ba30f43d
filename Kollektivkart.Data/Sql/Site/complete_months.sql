-- Input: stats.db derived_from (the operating days stats.db was built from).
-- Output: the months whose last day is among them, oldest first. A month without its last day is still
-- running (data-model.md section 7, provisional): its changes may change with the next night's data.
SELECT DISTINCT date_trunc('month', operatingDate)::DATE AS month
FROM derived_from
WHERE operatingDate = last_day(operatingDate)
ORDER BY month
