-- Input: the legs partitions of one calendar month ($legs: their files), the public holidays of the
-- years they can fall in ($holidays, 'YYYY-MM-DD'), and which share of its stretches to compute ($part
-- of $parts, by a hash of the stretch: every row of a stretch falls in one part, so the parts together
-- are the month's leg_stats).
-- Output: that month's leg_stats (of those stretches). Grain: (day_type, dataSource, from_stop_id,
-- to_stop_id, hour); the caller orders the parts' rows when it writes them together.
-- The day type comes from the local date of start_time (the session's TimeZone), data-model.md
-- section 6: a Sunday or public holiday is 'sunday', a Saturday 'saturday', else 'weekday'; so a night
-- journey of a weekday's operating date that runs past midnight into a holiday counts as 'sunday'.
-- hour is the local hour of start_time. Hourly figures sit beside the whole day's of the same day
-- type for the same stretch, and a row is kept only with more than 20 legs that hour and day type
-- over a stretch > 50 m.
WITH typed_legs AS (
    SELECT
        *,
        extract(hour FROM start_time)::INTEGER AS hour,
        CASE
            WHEN isodow(start_time) = 7 OR list_contains($holidays::DATE[], CAST(start_time AS DATE)) THEN 'sunday'
            WHEN isodow(start_time) = 6 THEN 'saturday'
            ELSE 'weekday'
        END AS day_type
    FROM read_parquet($legs, hive_partitioning = true)
    WHERE hash(dataSource, from_stop_id, to_stop_id) % $parts = $part
), hourly AS (
    SELECT
        day_type, dataSource, from_stop_id, to_stop_id, hour,
        quantile_disc(actual_duration, 0.75) AS hourly_quartile,
        round(median(actual_duration))::INTEGER AS hourly_duration,
        round(median(delay))::INTEGER AS hourly_delay,
        round(median(deviation))::INTEGER AS hourly_deviation,
        round(avg(actual_duration))::INTEGER AS mean_hourly_duration,
        count(*) AS hourly_count
    FROM typed_legs
    GROUP BY day_type, dataSource, from_stop_id, to_stop_id, hour
), monthly AS (
    SELECT
        day_type, dataSource, from_stop_id, to_stop_id,
        -- Names and positions belong to the stop ids; the newest leg's are the current ones.
        arg_max(from_stop, start_time) AS from_stop,
        arg_max(to_stop, start_time) AS to_stop,
        round(median(actual_duration))::INTEGER AS monthly_duration,
        quantile_disc(actual_duration, 0.75) AS monthly_quartile,
        round(median(delay))::INTEGER AS monthly_delay,
        round(median(deviation))::INTEGER AS monthly_deviation,
        round(avg(actual_duration))::INTEGER AS mean_monthly_duration,
        count(*) AS monthly_count,
        arg_max(air_distance_meters, start_time) AS air_distance_meters,
        arg_max(from_lat, start_time) AS from_lat,
        arg_max(from_lon, start_time) AS from_lon,
        arg_max(to_lat, start_time) AS to_lat,
        arg_max(to_lon, start_time) AS to_lon
    FROM typed_legs
    GROUP BY day_type, dataSource, from_stop_id, to_stop_id
)
SELECT
    day_type, dataSource, from_stop_id, to_stop_id, from_stop, to_stop, hour,
    hourly_quartile, hourly_duration, hourly_delay, hourly_deviation, mean_hourly_duration, hourly_count,
    monthly_duration, monthly_quartile, monthly_delay, monthly_deviation, mean_monthly_duration, monthly_count,
    air_distance_meters, from_lat, from_lon, to_lat, to_lon
FROM hourly JOIN monthly USING (day_type, dataSource, from_stop_id, to_stop_id)
WHERE hourly_count > 20 AND air_distance_meters > 50
