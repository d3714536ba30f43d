-- Inputs: one operating day's raw arrivals ($arrivals: the partition's files), stop_lookup, directions (the day's
-- canonical directions), the public holidays around the day ($holidays, 'YYYY-MM-DD').
-- Output: that day's planned departures and final arrivals, classified by data-model.md section 9. Grain: one row per
-- planned departure (kind 'departure': a kept call with an aimedDepartureTime) and one per journey's final arrival
-- (kind 'arrival': its kept call with the highest sequenceNr).
-- Section 9 has its own rules: the journey-level cleaning of clean_calls does not apply. Kept calls: every call that maps
-- to a stop place, the first per (journey, stopPointRef); then extra calls, and every call of a journey with an extra
-- journey flag, are left out. status: 'cancelled' (the journey or the call cancelled), 'observed' (not estimated, a
-- recorded time, |delay| < 7200 s) or 'unknown'. delay (whole seconds) only when observed. day_type and hour come from
-- the timetable: the local date and hour of the aimed time (aimed arrival for a final arrival).
-- The caller's session runs in Europe/Oslo.
WITH raw AS (
    SELECT
        serviceJourneyId, lineRef, directionRef, dataSource, stopPointRef, sequenceNr, recordedAtTime,
        aimedArrivalTime, arrivalTime, aimedDepartureTime, departureTime,
        coalesce(extraCall, false) AS extra_call,
        coalesce(extraJourney, false) AS extra_journey,
        coalesce(journeyCancellation, false) AS journey_cancellation,
        coalesce(stopCancellation, false) AS stop_cancellation,
        coalesce(estimated, false) AS estimated
    FROM read_parquet($arrivals)
), journeys AS (
    -- A small integer key per journey (windows sort on it far faster than on the id string), its flags, and its
    -- line, operator and direction label from its first call, as legs take them.
    SELECT
        serviceJourneyId,
        row_number() OVER () AS journey,
        bool_or(extra_journey) AS extra_journey,
        bool_or(journey_cancellation) AS journey_cancelled,
        arg_min(lineRef, sequenceNr) AS lineRef,
        arg_min(dataSource, sequenceNr) AS dataSource,
        arg_min(directionRef, sequenceNr) AS directionRef
    FROM raw
    GROUP BY serviceJourneyId
), first_visits AS (
    SELECT
        j.journey, j.journey_cancelled, j.lineRef, j.dataSource, j.directionRef,
        r.sequenceNr, r.extra_call, r.stop_cancellation, r.estimated,
        r.aimedArrivalTime, r.arrivalTime, r.aimedDepartureTime, r.departureTime,
        s.stop_id
    FROM raw r
    JOIN journeys j USING (serviceJourneyId)
    JOIN stop_lookup s ON s.ref = r.stopPointRef
    WHERE NOT j.extra_journey
    QUALIFY row_number() OVER (PARTITION BY j.journey, s.stop_key ORDER BY r.sequenceNr, r.recordedAtTime DESC) = 1
), kept AS (
    SELECT *, journey_cancelled OR stop_cancellation AS cancelled
    FROM first_visits
    WHERE NOT extra_call
), events AS (
    SELECT
        'departure' AS kind, journey, dataSource, lineRef, directionRef, stop_id, sequenceNr, cancelled, estimated,
        aimedDepartureTime AS aimed, departureTime AS actual, aimedDepartureTime AS timetable
    FROM kept
    WHERE aimedDepartureTime IS NOT NULL
    UNION ALL
    SELECT
        'arrival', journey, dataSource, lineRef, directionRef, stop_id, sequenceNr, journey_cancelled, estimated OR stop_cancellation,
        aimedArrivalTime, arrivalTime, coalesce(aimedArrivalTime, aimedDepartureTime)
    FROM kept
    QUALIFY row_number() OVER (PARTITION BY journey ORDER BY sequenceNr DESC) = 1
), classified AS (
    SELECT
        e.*,
        round(epoch(e.actual) - epoch(e.aimed))::INTEGER AS d,
        CASE
            WHEN e.cancelled THEN 'cancelled'
            WHEN NOT e.estimated AND e.aimed IS NOT NULL AND e.actual IS NOT NULL AND abs(d) < 7200 THEN 'observed'
            ELSE 'unknown'
        END AS status
    FROM events e
)
SELECT
    c.kind,
    c.dataSource,
    c.lineRef,
    coalesce(dir.direction, c.directionRef) AS direction,
    c.stop_id,
    c.sequenceNr,
    CASE
        WHEN isodow(c.timetable) = 7 OR list_contains($holidays::DATE[], CAST(c.timetable AS DATE)) THEN 'sunday'
        WHEN isodow(c.timetable) = 6 THEN 'saturday'
        ELSE 'weekday'
    END AS day_type,
    extract(hour FROM c.timetable)::TINYINT AS hour,
    c.status,
    CASE WHEN c.status = 'observed' THEN c.d END AS delay
FROM classified c
LEFT JOIN directions dir USING (dataSource, lineRef, directionRef)
-- A final arrival without an aimed arrival takes its day type and hour from the aimed departure (it is not observed);
-- one with neither has no place in the timetable and is left out.
WHERE c.timetable IS NOT NULL
ORDER BY c.kind, c.dataSource, c.lineRef, direction, c.stop_id, day_type, hour
