-- Input: stats.db leg_stat_rows, macro change_kind; $month, the month to build. Output: that month's rows of stats.db
-- table month_changes. Grain: (month, day_type, data_source,
-- from_stop_id, to_stop_id, kind, hour): what Site/changes.sql answers for each month against the month before (the
-- changes page's default baseline and every feed entry), for all operators and with no limit: the hours of each
-- changed stretch and kind with its stretch_impact, and rank, the stretch and kind's place in that month and day
-- type (1 = largest impact, in the order of changes.sql). A view narrowed to an operator, line or stop keeps the
-- same order, so Site/month_changes.sql only filters and takes the first ranks. The rules are those of changes.sql, the
-- kind of change by the same macro.
WITH hours AS (
    SELECT
        now.month, now.day_type,
        now.data_source, now.from_stop_id, now.to_stop_id, now.from_stop, now.to_stop,
        now.from_lat, now.from_lon, now.to_lat, now.to_lon, now.lat, now.lon, now.air_distance_meters,
        now.hour,
        now.hourly_duration - before.hourly_duration AS delta,
        change_kind(now.hourly_duration, now.hourly_quartile, before.hourly_duration, before.hourly_quartile) AS kind,
        abs(delta) * now.hourly_count AS impact,
        now.hourly_duration, now.hourly_quartile, now.hourly_count,
        before.hourly_duration AS baseline_duration, before.hourly_quartile AS baseline_quartile,
        before.hourly_count AS baseline_count
    FROM leg_stat_rows now JOIN leg_stat_rows before
        ON before.month = (now.month - INTERVAL 1 MONTH)::DATE AND before.day_type = now.day_type AND before.hour = now.hour
        AND before.data_source = now.data_source AND before.from_stop_id = now.from_stop_id AND before.to_stop_id = now.to_stop_id
    WHERE now.month = $month AND before.month = ($month - INTERVAL 1 MONTH)::DATE AND kind IS NOT NULL
), ranked AS (
    SELECT
        month, day_type, data_source, from_stop_id, to_stop_id, kind, sum(impact)::BIGINT AS stretch_impact,
        row_number() OVER (
            PARTITION BY month, day_type ORDER BY stretch_impact DESC, kind DESC, data_source, from_stop_id, to_stop_id
        ) AS rank
    FROM hours
    GROUP BY month, day_type, data_source, from_stop_id, to_stop_id, kind
)
SELECT hours.*, ranked.stretch_impact, ranked.rank
FROM hours JOIN ranked USING (month, day_type, data_source, from_stop_id, to_stop_id, kind)
ORDER BY month, day_type, rank, hour
