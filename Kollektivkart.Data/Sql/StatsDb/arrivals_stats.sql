-- Inputs: all arrivals ($arrivals), all legs ($legs). Output: stats.db table arrivals_stats,
-- one row: the operating dates covered and how many arrivals and legs the pond holds.
CREATE TABLE arrivals_stats AS
SELECT
    min(operatingDate) AS min_date,
    max(operatingDate) AS max_date,
    count(*) AS total_arrivals,
    (SELECT count(*) FROM read_parquet($legs)) AS total_legs
FROM read_parquet($arrivals, hive_partitioning = true)
