-- Input: every punctuality partition ($punctuality, data-model.md section 9). Outputs: stats.db tables, one per group,
-- and punctuality_stop_names. hour is NULL for the whole day. A share or percentile is shown only with at least 20
-- observed departures (Kollektivkart.Data.Site.PunctualityFigures.MinObserved): below that median_delay and p90_delay are
-- NULL here, so no reader can show them; the counts stay.
-- The big tables are copied in the order the rows come: months in file order (the glob is sorted), and within a month
-- the order punctuality.sql wrote them in, which is the order their pages look them up by. Sorting them here again took
-- most of the stats.db step and grew with every month of history.

-- punctuality_operator. Grain: (data_source, month, day_type, hour), with the final-arrival counts.
CREATE TABLE punctuality_operator AS
SELECT data_source, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay,
    final_observed, arrived_within_3_59, arrived_within_5_59, journeys_cancelled
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'operator'
ORDER BY data_source, month, day_type, hour NULLS FIRST;

-- punctuality_line. Grain: (data_source, line_ref, month, day_type, hour), with the final-arrival counts.
CREATE TABLE punctuality_line AS
SELECT data_source, line_ref, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay,
    final_observed, arrived_within_3_59, arrived_within_5_59, journeys_cancelled
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'line'
ORDER BY data_source, line_ref, month, day_type, hour NULLS FIRST;

-- punctuality_stop_line_direction. Grain: (data_source, line_ref, direction, stop_id, month, day_type, hour); position is
-- the stop's usual sequence number on the route, to list a direction's stops in order. By month, day type, operator,
-- line, direction, position, stop and hour: a line is looked up in one month, and DuckDB's zone maps of a string keep
-- its first 8 bytes only ("RUT:Line"), so ordered by line first a lookup read every month of its operator.
CREATE TABLE punctuality_stop_line_direction AS
SELECT data_source, line_ref, direction, stop_id, position, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'stop_line_direction';

-- punctuality_stop_line. Grain: (stop_id, data_source, line_ref, month, day_type, hour); by month, day type, hour,
-- operator, line and stop.
CREATE TABLE punctuality_stop_line AS
SELECT stop_id, data_source, line_ref, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'stop_line';

-- punctuality_stop. Grain: (stop_id, month, day_type, hour); by month, day type, stop and hour.
CREATE TABLE punctuality_stop AS
SELECT stop_id, month, day_type, hour,
    planned, cancelled, observed, unknown, early, on_time, late, very_late,
    CASE WHEN observed >= 20 THEN median_delay END AS median_delay,
    CASE WHEN observed >= 20 THEN p90_delay END AS p90_delay
FROM read_parquet($punctuality, hive_partitioning = true) WHERE grain = 'stop';

-- punctuality_stop_names. Grain: stop_id: each stop with punctuality figures, its name and position in the newest month
-- that has it (the stop registry's at the time), for the pages and the map.
CREATE TABLE punctuality_stop_names AS
SELECT stop_id, arg_max(stop_name, month) AS name, arg_max(lat, month) AS lat, arg_max(lon, month) AS lon
FROM read_parquet($punctuality, hive_partitioning = true)
WHERE grain = 'stop' AND hour IS NULL
GROUP BY stop_id
ORDER BY stop_id;
