-- Input: stats.db arrivals_stats and leg_stat_rows. Output: one row of counts and the operating date range.
SELECT
    min_date,
    max_date,
    total_arrivals::BIGINT AS total_arrivals,
    total_legs::BIGINT AS total_legs,
    (SELECT count(*) FROM leg_stat_rows)::BIGINT AS aggregated_count
FROM arrivals_stats
