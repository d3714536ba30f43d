-- Input: the punctuality partition of the month to build ($punctuality, data-model.md section 9), macros stop_key and
-- line_key. Output: that month's rows of stats.db table punctuality_stop_line_direction. hour is NULL for the whole day. A share or
-- percentile is shown only with at least 20 observed departures (Kollektivkart.Data.Site.PunctualityFigures.MinObserved):
-- below that median_delay and p90_delay are NULL here, so no reader can show them; the counts stay.
-- Grain: (data_source, line_ref, direction, stop_id, month, day_type, hour); position is the stop's usual sequence
-- number on the route, to list a direction's stops in order. By day type and line key within the month, so a line
-- page reads its line's rows from one row group.
SELECT data_source, line_key(line_ref) AS line_key, line_ref, direction, stop_id, position, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'stop_line_direction'
ORDER BY month, day_type, line_key, data_source, line_ref, direction, position, stop_id, hour NULLS FIRST
