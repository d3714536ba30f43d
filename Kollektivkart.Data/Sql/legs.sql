-- Inputs: clean_calls (one operating day), directions (that day's canonical directions, directions.sql).
-- Output: that day's legs. Grain: one row per pair of consecutive calls of a clean journey.
WITH paired AS (
    -- The window carries integers and timestamps only; names and positions join in afterwards.
    SELECT
        c.journey,
        lag(c.sequenceNr) OVER journey AS sequenceNr,
        coalesce(lag(c.arrivalTime) OVER journey, lag(c.departureTime) OVER journey) AS start_time,
        epoch(c.arrivalTime) - epoch(start_time) AS actual_seconds,
        epoch(c.aimedArrivalTime) - epoch(coalesce(lag(c.aimedArrivalTime) OVER journey, lag(c.aimedDepartureTime) OVER journey))
            AS planned_seconds,
        c.delay AS delay_seconds,
        lag(c.stop_key) OVER journey AS from_key,
        c.stop_key AS to_key
    FROM clean_calls c
    WINDOW journey AS (PARTITION BY c.journey ORDER BY c.sequenceNr, c.stop_key)
), journeys AS (
    -- Line, operator and direction are the journey's (its first call's, should they ever vary).
    SELECT
        journey,
        any_value(serviceJourneyId) AS serviceJourneyId,
        arg_min(lineRef, sequenceNr) AS lineRef,
        arg_min(dataSource, sequenceNr) AS dataSource,
        arg_min(directionRef, sequenceNr) AS directionRef
    FROM clean_calls
    GROUP BY journey
), located AS (
    SELECT
        j.lineRef,
        j.dataSource,
        j.directionRef,
        coalesce(d.direction, j.directionRef) AS direction,
        j.serviceJourneyId,
        p.sequenceNr,
        p.start_time,
        p.actual_seconds,
        p.planned_seconds,
        p.delay_seconds,
        f.stop_id AS from_stop_id,
        t.stop_id AS to_stop_id,
        f.name AS from_stop,
        t.name AS to_stop,
        f.lat AS from_lat,
        f.lon AS from_lon,
        t.lat AS to_lat,
        t.lon AS to_lon
    FROM paired p
    JOIN journeys j USING (journey)
    JOIN stop_lookup t ON t.stop_key = p.to_key
    LEFT JOIN stop_lookup f ON f.stop_key = p.from_key
    LEFT JOIN directions d ON d.dataSource = j.dataSource AND d.lineRef = j.lineRef AND d.directionRef = j.directionRef
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
    FROM located
)
SELECT
    lineRef, dataSource, directionRef, direction, serviceJourneyId, sequenceNr,
    start_time, actual_duration, planned_duration, delay, deviation,
    from_stop_id, to_stop_id, from_stop, to_stop, from_lat, from_lon, to_lat, to_lon,
    air_distance_meters
FROM measured
WHERE delay IS NOT NULL AND abs(delay) < 7200
  AND from_stop IS NOT NULL
  AND start_time IS NOT NULL
  AND planned_duration IS NOT NULL
  AND planned_duration BETWEEN 0 AND 7200
  AND abs(deviation) < 7200
  AND air_distance_meters > 0
  AND actual_duration > 1
  AND (air_distance_meters / 1000.0) / (actual_duration / 3600.0) < 250
ORDER BY from_stop_id, to_stop_id, start_time, serviceJourneyId
