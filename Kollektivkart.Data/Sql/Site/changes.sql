-- Inputs: stats.db leg_stat_rows, stop_line, macro change_kind (the kind of change, below); $month and $baseline (first days), $day_type, $data_source, $line_ref
-- and $stop_id (NULL: any), $limit (NULL: no limit).
-- Output: data-model.md section 7, where stretches got slower or faster: the stretches of each kind ('regressed'
-- or 'improved'), ranked by impact, largest first, $limit of them, with a row for each of their hours of that kind.
-- Per (stretch, hour) present in both months on the day type (leg_stats keeps only hours with more than 20 legs):
-- delta = median now - median before; regressed when the median now is at least the 75th percentile before and
-- delta >= 30 s; improved when the 75th percentile now is at most the median before and delta <= -30 s; an
-- hour's impact = |delta| x legs now. A stretch with hours of both kinds has a row of each, each with the sum of
-- its own hours' impact: a slower morning and a faster evening do not cancel out.
WITH now AS (
    FROM leg_stat_rows
    WHERE month = $month AND day_type = $day_type AND ($data_source IS NULL OR data_source = $data_source)
), before AS (
    FROM leg_stat_rows
    WHERE month = $baseline AND day_type = $day_type AND ($data_source IS NULL OR data_source = $data_source)
), hours AS (
    SELECT
        now.data_source, now.from_stop_id, now.to_stop_id, now.from_stop, now.to_stop,
        now.from_lat, now.from_lon, now.to_lat, now.to_lon, now.lat, now.lon, now.air_distance_meters,
        now.hour,
        now.hourly_duration - before.hourly_duration AS delta,
        change_kind(now.hourly_duration, now.hourly_quartile, before.hourly_duration, before.hourly_quartile) AS kind,
        abs(delta) * now.hourly_count AS impact,
        now.hourly_duration, now.hourly_quartile, now.hourly_count,
        before.hourly_duration AS baseline_duration, before.hourly_quartile AS baseline_quartile,
        before.hourly_count AS baseline_count
    FROM now JOIN before USING (data_source, from_stop_id, to_stop_id, hour)
    WHERE ($stop_id IS NULL OR $stop_id IN (now.from_stop_id, now.to_stop_id))
      AND ($line_ref IS NULL OR EXISTS (
          SELECT 1 FROM stop_line l
          WHERE l.lineRef = $line_ref AND l.dataSource = now.data_source
            AND l.from_stop_id = now.from_stop_id AND l.to_stop_id = now.to_stop_id))
), ranked AS (
    SELECT data_source, from_stop_id, to_stop_id, kind, sum(impact)::BIGINT AS stretch_impact
    FROM hours
    WHERE kind IS NOT NULL
    GROUP BY data_source, from_stop_id, to_stop_id, kind
    ORDER BY stretch_impact DESC, kind DESC, data_source, from_stop_id, to_stop_id
    LIMIT $limit
)
-- One row per hour of a ranked stretch and kind, in rank order, then by hour.
SELECT hours.*, ranked.stretch_impact
FROM hours JOIN ranked USING (data_source, from_stop_id, to_stop_id, kind)
ORDER BY stretch_impact DESC, kind DESC, data_source, from_stop_id, to_stop_id, hour
