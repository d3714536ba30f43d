-- Input: stats.db leg_stats. Output: every month with statistics, oldest first.
SELECT DISTINCT month FROM leg_stats ORDER BY month
