-- Input: the operating days that have a legs partition ($days, empty ones included).
-- Output: stats.db table derived_from, one row per day this stats.db was built from. The next
-- run compares it with the pond to know whether stats.db is current (a run killed before its
-- last step leaves it behind).
CREATE OR REPLACE TABLE derived_from AS
SELECT CAST(unnest($days) AS DATE) AS operatingDate
ORDER BY operatingDate
