-- Input: the punctuality partition of the month to build ($punctuality, data-model.md section 9), macros stop_key and
-- line_key. Output: that month's rows of stats.db table punctuality_stop. hour is NULL for the whole day. A share or
-- percentile is shown only with at least 20 observed departures (Kollektivkart.Data.Site.PunctualityFigures.MinObserved):
-- below that median_delay and p90_delay are NULL here, so no reader can show them; the counts stay.
-- Grain: (stop_id, month, day_type, hour). By day type and stop key within the month: the map of a day type's hour
-- reads its day type's rows, a stop page its stop's row group in each.
SELECT stop_key(stop_id) AS stop_key, stop_id, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'stop'
ORDER BY month, day_type, stop_key, stop_id, hour NULLS FIRST
