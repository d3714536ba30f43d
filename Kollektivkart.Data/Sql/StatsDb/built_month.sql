-- Input: $dataset, $month and $source_days, the text of the month's record of source days. Output: a row of stats.db
-- table built_months.
INSERT INTO built_months VALUES ($dataset, $month, $source_days)
