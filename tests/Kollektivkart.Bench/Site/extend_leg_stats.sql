-- Inputs: the leg_stats partition of a month derived from national-scale demo data ($base); the month to
-- synthesise ($month, first day), how many months before the base month it is ($offset, 1 or more), $seed.
-- Output: leg_stats rows for $month, one per (stretch, day type, hour) of the base month, columns as the job writes them.
-- About 3 % of stretches are absent in a month (route changes). Durations are scaled per stretch and month (a
-- seasonal swing of +-6 % with a phase per stretch, plus +-5 % noise) and again per hour (+-8 %), and delays
-- move with them, so month-to-month comparisons and rush intensities differ as they do in real data.
WITH base AS (
    SELECT
        *,
        hash(dataSource, from_stop_id, to_stop_id, $seed) AS stretch_hash,
        hash(dataSource, from_stop_id, to_stop_id, $offset, $seed) AS month_hash,
        hash(dataSource, from_stop_id, to_stop_id, day_type, hour, $offset, $seed) AS hour_hash
    FROM read_parquet($base)
), factors AS (
    SELECT
        *,
        1 + 0.06 * sin(2 * pi() * ($offset / 12.0 + (stretch_hash % 1000) / 1000.0))
          + 0.05 * ((month_hash % 1001) / 500.0 - 1) AS month_factor,
        0.9 + 0.2 * ((month_hash // 1000) % 1001) / 1000.0 AS count_factor
    FROM base
    WHERE month_hash % 100 >= 3
), hourly AS (
    SELECT *, month_factor * (1 + 0.08 * ((hour_hash % 1001) / 500.0 - 1)) AS hour_factor
    FROM factors
)
SELECT
    day_type, dataSource, from_stop_id, to_stop_id, from_stop, to_stop, hour,
    greatest(1, round(hourly_quartile * hour_factor))::INTEGER AS hourly_quartile,
    greatest(1, round(hourly_duration * hour_factor))::INTEGER AS hourly_duration,
    round(hourly_delay + (hour_factor - 1) * hourly_duration)::INTEGER AS hourly_delay,
    round(hourly_deviation + (hour_factor - 1) * hourly_duration)::INTEGER AS hourly_deviation,
    greatest(1, round(mean_hourly_duration * hour_factor))::INTEGER AS mean_hourly_duration,
    greatest(21, round(hourly_count * count_factor))::BIGINT AS hourly_count,
    greatest(1, round(monthly_duration * month_factor))::INTEGER AS monthly_duration,
    greatest(1, round(monthly_quartile * month_factor))::INTEGER AS monthly_quartile,
    round(monthly_delay + (month_factor - 1) * monthly_duration)::INTEGER AS monthly_delay,
    round(monthly_deviation + (month_factor - 1) * monthly_duration)::INTEGER AS monthly_deviation,
    greatest(1, round(mean_monthly_duration * month_factor))::INTEGER AS mean_monthly_duration,
    greatest(21, round(monthly_count * count_factor))::BIGINT AS monthly_count,
    air_distance_meters, from_lat, from_lon, to_lat, to_lon,
    CAST($month AS DATE) AS month
FROM hourly
ORDER BY day_type, hour, dataSource, from_stop_id, to_stop_id
