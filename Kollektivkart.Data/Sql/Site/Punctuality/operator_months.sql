-- Inputs: stats.db punctuality_operator; $data_source (NULL: every operator), $day_type, months $from to $to.
-- Output: one row per operator and month of that range, the whole day's figures, for trends and month-by-month tables.
SELECT *
FROM punctuality_operator
WHERE ($data_source IS NULL OR data_source = $data_source)
  AND day_type = $day_type AND hour IS NULL AND month BETWEEN $from AND $to
ORDER BY data_source, month
