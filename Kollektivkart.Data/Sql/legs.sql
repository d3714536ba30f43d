-- Inputs: clean_calls (one operating day, $operating_date), route_name of all days ($route_names).
-- Output: that day's legs. Grain: one row per pair of consecutive calls of a clean journey.
-- The canonical direction of a route (dataSource, lineRef, origin, destination) is the
-- directionRef it had on its earliest operating day: operators relabel directions between days.
WITH routes AS (
    FROM read_parquet($route_names, hive_partitioning = true)
), canonical AS (
    SELECT DISTINCT ON (dataSource, lineRef, origin_stop_id, destination_stop_id)
        dataSource, lineRef, origin_stop_id, destination_stop_id, directionRef AS direction
    FROM routes
    ORDER BY dataSource, lineRef, origin_stop_id, destination_stop_id, operatingDate, directionRef
), directions AS (
    SELECT routes.dataSource, routes.lineRef, routes.directionRef, canonical.direction
    FROM routes JOIN canonical USING (dataSource, lineRef, origin_stop_id, destination_stop_id)
    WHERE routes.operatingDate = $operating_date::DATE
), paired AS (
    SELECT
        c.lineRef,
        c.dataSource,
        c.directionRef,
        coalesce(d.direction, c.directionRef) AS direction,
        c.serviceJourneyId,
        lag(c.sequenceNr) OVER journey AS sequenceNr,
        coalesce(lag(c.arrivalTime) OVER journey, lag(c.departureTime) OVER journey) AS start_time,
        epoch(c.arrivalTime - start_time) AS actual_seconds,
        epoch(c.aimedArrivalTime - coalesce(lag(c.aimedArrivalTime) OVER journey, lag(c.aimedDepartureTime) OVER journey))
            AS planned_seconds,
        c.delay AS delay_seconds,
        lag(c.stop_id) OVER journey AS from_stop_id,
        c.stop_id AS to_stop_id,
        lag(c.stop) OVER journey AS from_stop,
        c.stop AS to_stop,
        lag(c.lat) OVER journey AS from_lat,
        lag(c.lon) OVER journey AS from_lon,
        c.lat AS to_lat,
        c.lon AS to_lon
    FROM clean_calls c
    LEFT JOIN directions d USING (dataSource, lineRef, directionRef)
    WINDOW journey AS (PARTITION BY c.serviceJourneyId ORDER BY c.sequenceNr)
), measured AS (
    SELECT
        *,
        round(actual_seconds)::INTEGER AS actual_duration,
        round(planned_seconds)::INTEGER AS planned_duration,
        round(delay_seconds)::INTEGER AS delay,
        round(actual_seconds)::INTEGER - round(planned_seconds)::INTEGER AS deviation,
        -- Great-circle (haversine) distance on the mean Earth radius; within 0.5 % of the
        -- WGS84 spheroid the original used, and needs no spatial extension.
        round(2 * 6371008.8 * asin(sqrt(
            pow(sin(radians(to_lat - from_lat) / 2), 2)
            + cos(radians(from_lat)) * cos(radians(to_lat)) * pow(sin(radians(to_lon - from_lon) / 2), 2)
        )))::INTEGER AS air_distance_meters
    FROM paired
)
SELECT
    lineRef, dataSource, directionRef, direction, serviceJourneyId, sequenceNr,
    start_time, actual_duration, planned_duration, delay, deviation,
    from_stop_id, to_stop_id, from_stop, to_stop, from_lat, from_lon, to_lat, to_lon,
    air_distance_meters
FROM measured
WHERE delay IS NOT NULL AND abs(delay) < 7200
  AND from_stop_id IS NOT NULL
  AND start_time IS NOT NULL
  AND planned_duration IS NOT NULL
  AND planned_duration BETWEEN 0 AND 7200
  AND abs(deviation) < 7200
  AND air_distance_meters > 0
  AND actual_duration > 1
  AND (air_distance_meters / 1000.0) / (actual_duration / 3600.0) < 250
ORDER BY from_stop_id, to_stop_id, start_time, serviceJourneyId
