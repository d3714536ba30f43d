-- Inputs: the punctuality partition of a month derived from national-scale demo data ($base); the month to synthesise
-- ($month, first day), how many months before the base month it is ($offset, 1 or more), $seed.
-- Output: punctuality rows for $month, one per group of the base month, columns as the job writes them (month is the
-- partition's). Per group and month, a share of on-time departures (0-6 %, with a seasonal swing) turns late and the
-- percentiles move by up to +-30 s, so month-by-month figures and trends differ as in real data; counts stay consistent
-- (observed = early + on_time + late + very_late).
WITH base AS (
    SELECT
        *,
        hash(grain, day_type, hour, data_source, line_ref, direction, stop_id, $offset, $seed) AS month_hash
    FROM read_parquet($base)
), shifted AS (
    SELECT
        *,
        round(on_time * (0.03 + 0.03 * sin(2 * pi() * $offset / 12.0)) * ((month_hash % 1001) / 1000.0))::INTEGER AS turned_late,
        ((month_hash // 1000) % 61)::INTEGER - 30 AS seconds
    FROM base
)
SELECT
    grain, day_type, hour, data_source, line_ref, direction, stop_id, position,
    planned, cancelled, observed, unknown, early,
    on_time - turned_late AS on_time,
    late + turned_late AS late,
    very_late,
    (median_delay + seconds)::SMALLINT AS median_delay,
    (p90_delay + seconds)::SMALLINT AS p90_delay,
    final_observed, arrived_within_3_59, arrived_within_5_59, journeys_cancelled, stop_name, lat, lon
FROM shifted
