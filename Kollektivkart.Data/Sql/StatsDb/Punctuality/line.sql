-- Input: the punctuality partition of the month to build ($punctuality, data-model.md section 9), macros stop_key and
-- line_key. Output: that month's rows of stats.db table punctuality_line. hour is NULL for the whole day. A share or
-- percentile is shown only with at least 20 observed departures (Kollektivkart.Data.Site.PunctualityFigures.MinObserved):
-- below that median_delay and p90_delay are NULL here, so no reader can show them; the counts stay.
-- Grain: (data_source, line_ref, month, day_type, hour), with the final-arrival counts. By operator and line key within
-- the month: a line's months and an operator's lines each read one row group a month.
SELECT data_source, line_key(line_ref) AS line_key, line_ref, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay,
    final_observed, arrived_within_3_59, arrived_within_5_59, journeys_cancelled
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'line'
ORDER BY month, data_source, line_key, line_ref, day_type, hour NULLS FIRST
