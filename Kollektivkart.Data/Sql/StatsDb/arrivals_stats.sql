-- Input: the counts parts of every operating day's summary ($counts). Output: stats.db table arrivals_stats,
-- one row: the operating dates with arrivals and how many arrivals and legs the pond holds.
CREATE OR REPLACE TABLE arrivals_stats AS
SELECT
    min(operatingDate) FILTER (WHERE arrivals > 0) AS min_date,
    max(operatingDate) FILTER (WHERE arrivals > 0) AS max_date,
    coalesce(sum(arrivals), 0)::BIGINT AS total_arrivals,
    coalesce(sum(legs), 0)::BIGINT AS total_legs
FROM read_parquet($counts, hive_partitioning = true)
