-- Output: stats.db table built_months, emptied: one row per month of a monthly dataset (leg_stats, punctuality) this
-- stats.db holds, with the text of the month's record of source days when it was built (filled by built_month.sql). The
-- next night builds on this stats.db and builds again only the months whose record differs.
CREATE OR REPLACE TABLE built_months (dataset VARCHAR, month DATE, source_days VARCHAR)
