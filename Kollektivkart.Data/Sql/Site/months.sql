-- Input: stats.db leg_stat_rows. Output: every month with statistics, oldest first.
SELECT DISTINCT month FROM leg_stat_rows ORDER BY month
