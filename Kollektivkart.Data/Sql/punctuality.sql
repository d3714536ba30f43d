-- Input: the departures partitions of one calendar month ($departures: their files), stop_lookup (names and positions).
-- Output: that month's punctuality groups (data-model.md section 9). Grain: (grain, day_type, hour, data_source, line_ref,
-- direction, stop_id), where grain names which keys apply (the others are NULL) and hour is NULL for the whole day:
--   operator (data_source), line (data_source, line_ref), stop_line_direction (data_source, line_ref, direction, stop_id),
--   stop_line (stop_id, data_source, line_ref), stop (stop_id).
-- Every group is computed from its own departures (medians never combine); the percentiles are values that occur
-- (quantile_disc), as in leg_stats. Each GROUPING SET is one group of section 9 with and without its hour.
-- Final arrivals (rail-style figure) and journeys_cancelled are counted for operators and lines only.
WITH groups AS (
    SELECT
        CASE grouping(dataSource, lineRef, direction, stop_id)
            WHEN 7 THEN 'operator'
            WHEN 3 THEN 'line'
            WHEN 0 THEN 'stop_line_direction'
            WHEN 2 THEN 'stop_line'
            ELSE 'stop'
        END AS grain,
        day_type, hour, dataSource AS data_source, lineRef AS line_ref, direction, stop_id,
        count(*)::INTEGER AS planned,
        count(*) FILTER (WHERE status = 'cancelled')::INTEGER AS cancelled,
        count(*) FILTER (WHERE status = 'observed')::INTEGER AS observed,
        count(*) FILTER (WHERE status = 'unknown')::INTEGER AS unknown,
        count(*) FILTER (WHERE delay < -60)::INTEGER AS early,
        count(*) FILTER (WHERE delay BETWEEN -60 AND 180)::INTEGER AS on_time,
        count(*) FILTER (WHERE delay > 180 AND delay <= 300)::INTEGER AS late,
        count(*) FILTER (WHERE delay > 300)::INTEGER AS very_late,
        -- delay is set for observed departures only; |delay| < 7200 fits a SMALLINT, which halves the values held.
        quantile_disc(delay::SMALLINT, [0.5, 0.9]) AS percentiles
    FROM read_parquet($departures)
    WHERE kind = 'departure'
    GROUP BY GROUPING SETS (
        (day_type, hour, dataSource), (day_type, dataSource),
        (day_type, hour, dataSource, lineRef), (day_type, dataSource, lineRef),
        (day_type, hour, dataSource, lineRef, direction, stop_id), (day_type, dataSource, lineRef, direction, stop_id),
        (day_type, hour, stop_id, dataSource, lineRef), (day_type, stop_id, dataSource, lineRef),
        (day_type, hour, stop_id), (day_type, stop_id)
    )
), final_arrivals AS (
    SELECT
        CASE WHEN grouping(line_ref) = 1 THEN 'operator' ELSE 'line' END AS grain, day_type, hour, data_source, line_ref,
        count(*) FILTER (WHERE status = 'observed')::INTEGER AS final_observed,
        count(*) FILTER (WHERE status = 'observed' AND delay <= 239)::INTEGER AS arrived_within_3_59,
        count(*) FILTER (WHERE status = 'observed' AND delay <= 359)::INTEGER AS arrived_within_5_59,
        count(*) FILTER (WHERE status = 'cancelled')::INTEGER AS journeys_cancelled
    FROM (
        SELECT dataSource AS data_source, lineRef AS line_ref, day_type, hour, status, delay
        FROM read_parquet($departures)
        WHERE kind = 'arrival'
    )
    GROUP BY GROUPING SETS (
        (day_type, hour, data_source), (day_type, data_source),
        (day_type, hour, data_source, line_ref), (day_type, data_source, line_ref)
    )
), usual_positions AS (
    -- The stop's usual place on the route: the sequence number most of its departures have, the lower on a tie.
    SELECT data_source, line_ref, direction, stop_id, first(sequenceNr ORDER BY departures DESC, sequenceNr) AS position
    FROM (
        SELECT dataSource AS data_source, lineRef AS line_ref, direction, stop_id, sequenceNr, count(*) AS departures
        FROM read_parquet($departures)
        WHERE kind = 'departure'
        GROUP BY ALL
    )
    GROUP BY ALL
)
SELECT
    g.grain, g.day_type, g.hour, g.data_source, g.line_ref, g.direction, g.stop_id,
    CASE WHEN g.grain = 'stop_line_direction' THEN p.position END AS position,
    g.planned,
    coalesce(g.cancelled, 0) AS cancelled,
    coalesce(g.observed, 0) AS observed,
    coalesce(g.unknown, 0) AS unknown,
    coalesce(g.early, 0) AS early,
    coalesce(g.on_time, 0) AS on_time,
    coalesce(g.late, 0) AS late,
    coalesce(g.very_late, 0) AS very_late,
    g.percentiles[1] AS median_delay,
    g.percentiles[2] AS p90_delay,
    CASE WHEN g.grain IN ('operator', 'line') THEN coalesce(f.final_observed, 0) END AS final_observed,
    CASE WHEN g.grain IN ('operator', 'line') THEN coalesce(f.arrived_within_3_59, 0) END AS arrived_within_3_59,
    CASE WHEN g.grain IN ('operator', 'line') THEN coalesce(f.arrived_within_5_59, 0) END AS arrived_within_5_59,
    CASE WHEN g.grain IN ('operator', 'line') THEN coalesce(f.journeys_cancelled, 0) END AS journeys_cancelled,
    -- A stop's name and position as the stop registry has them now, on the stop grain's rows (a map's markers).
    CASE WHEN g.grain = 'stop' THEN s.name END AS stop_name,
    CASE WHEN g.grain = 'stop' THEN s.lat END AS lat,
    CASE WHEN g.grain = 'stop' THEN s.lon END AS lon
FROM groups g
-- Equality on non-null stand-ins (a whole day's hour is NULL), so both joins hash.
LEFT JOIN final_arrivals f
    ON f.grain = g.grain
    AND f.day_type = g.day_type
    AND coalesce(f.hour, -1) = coalesce(g.hour, -1)
    AND f.data_source = g.data_source
    AND coalesce(f.line_ref, '') = coalesce(g.line_ref, '')
LEFT JOIN usual_positions p
    ON p.data_source = g.data_source AND p.line_ref = g.line_ref AND coalesce(p.direction, '') = coalesce(g.direction, '')
    AND p.stop_id = g.stop_id
LEFT JOIN stop_lookup s ON s.ref = g.stop_id
-- In the order of stats.db's tables (StatsDb/punctuality.sql copies each grain's rows as they come, month by month):
-- stops by stop and hour, a stop's lines by hour, a line's stops in route order with their hours.
ORDER BY g.grain, g.day_type,
    CASE WHEN g.grain = 'stop_line' THEN coalesce(g.hour, -1) END,
    CASE WHEN g.grain = 'stop' THEN g.stop_id END,
    g.data_source, g.line_ref, g.direction, position, g.stop_id, g.hour NULLS FIRST
