-- Input: stats.db leg_stats. Outputs: stats.db tables stops and stop_delay (below).
-- stops. Grain: one row per stop place that is the
-- from or to stop of a leg_stats row: its name and position in the newest month that has it, and the
-- operators (data sources) with statistics there, sorted. A stop without a name is shown by its id.
CREATE TABLE stops AS
WITH ends AS (
    SELECT from_stop_id AS stop_id, from_stop AS name, from_lat AS lat, from_lon AS lon, month, dataSource
    FROM leg_stats
    UNION ALL
    SELECT to_stop_id, to_stop, to_lat, to_lon, month, dataSource
    FROM leg_stats
), newest AS (
    SELECT
        stop_id,
        first({'name': name, 'lat': lat, 'lon': lon} ORDER BY month DESC, name NULLS LAST, lat, lon) AS place,
        list(DISTINCT dataSource ORDER BY dataSource) AS data_sources
    FROM ends
    GROUP BY stop_id
)
SELECT stop_id, coalesce(place.name, stop_id) AS name, place.lat AS lat, place.lon AS lon, data_sources
FROM newest
ORDER BY stop_id;

-- Output: stats.db table stop_delay. Grain: (stop_id, month, day_type), legs arriving at the stop: the whole day's delay
-- (monthly_delay weighted by monthly_count, each arriving stretch once: its monthly figures repeat on every hour's row)
-- and, per hour, the sums of hourly_delay and hourly_deviation weighted by legs and how many legs arrived. A stop page's
-- delay by hour and month-by-month trend read one short row per month instead of every leg_stats row of the stop
-- (DuckDB's min/max of a string column hold its first 8 bytes only, "NSR:Stop", so no sort order lets a stop id skip rows).
CREATE TABLE stop_delay AS
WITH hourly AS (
    SELECT
        to_stop_id AS stop_id, month, day_type, hour,
        sum(hourly_delay * hourly_count)::BIGINT AS delay_sum,
        sum(hourly_deviation * hourly_count)::BIGINT AS delay_added_sum,
        sum(hourly_count)::BIGINT AS arrivals
    FROM leg_stats
    GROUP BY to_stop_id, month, day_type, hour
), stretches AS (
    SELECT to_stop_id, month, day_type, dataSource, from_stop_id, any_value(monthly_delay) AS monthly_delay, any_value(monthly_count) AS monthly_count
    FROM leg_stats
    GROUP BY to_stop_id, month, day_type, dataSource, from_stop_id
), whole_day AS (
    SELECT
        to_stop_id AS stop_id, month, day_type,
        sum(monthly_delay * monthly_count)::BIGINT AS day_delay_sum,
        sum(monthly_count)::BIGINT AS day_arrivals
    FROM stretches
    GROUP BY to_stop_id, month, day_type
)
SELECT
    d.stop_id, d.month, d.day_type, d.day_delay_sum, d.day_arrivals,
    list({'hour': h.hour, 'delay_sum': h.delay_sum, 'delay_added_sum': h.delay_added_sum, 'arrivals': h.arrivals} ORDER BY h.hour) AS hours
FROM whole_day d JOIN hourly h USING (stop_id, month, day_type)
GROUP BY d.stop_id, d.month, d.day_type, d.day_delay_sum, d.day_arrivals
ORDER BY d.stop_id, d.month, d.day_type
