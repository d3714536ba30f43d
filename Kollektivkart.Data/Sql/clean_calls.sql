-- Inputs: one operating day's arrivals ($arrivals: the partition's files, $operating_date), stop_lookup.
-- Output: temp table clean_calls. Grain: one row per kept call (service journey, stop call).
-- Cleaning rules of data-model.md section 3, in order of the spec:
--   first call per (journey, stopPointRef); whole journey dropped if any call is flagged;
--   a call dropped if actual vs planned time since the previous call differ by > 7200 s;
--   a call dropped if its delay is known and |delay| >= 7200 s.
-- "Previous" is the previous raw call of the journey, taken before any call is dropped.
CREATE OR REPLACE TEMP TABLE clean_calls AS
WITH raw AS (
    SELECT
        *,
        coalesce(extraCall, false) OR coalesce(estimated, false)
            OR coalesce(journeyCancellation, false) OR coalesce(stopCancellation, false) AS flagged
    FROM read_parquet($arrivals)
), framed AS (
    SELECT
        *,
        -- No ORDER BY in this window on purpose: with one, bool_or would be cumulative and
        -- keep the calls before the flagged one.
        bool_or(flagged) OVER (PARTITION BY serviceJourneyId) AS journey_flagged,
        row_number() OVER (
            PARTITION BY serviceJourneyId, stopPointRef ORDER BY sequenceNr, recordedAtTime DESC
        ) AS visit,
        epoch(arrivalTime - coalesce(lag(arrivalTime) OVER journey, lag(departureTime) OVER journey))
            AS actual_since_previous,
        epoch(aimedArrivalTime - coalesce(lag(aimedArrivalTime) OVER journey, lag(aimedDepartureTime) OVER journey))
            AS planned_since_previous,
        epoch(coalesce(arrivalTime - aimedArrivalTime, departureTime - aimedDepartureTime)) AS delay
    FROM raw
    WINDOW journey AS (PARTITION BY serviceJourneyId ORDER BY sequenceNr, recordedAtTime DESC)
)
SELECT
    $operating_date::DATE AS operatingDate,
    framed.serviceJourneyId,
    framed.lineRef,
    framed.directionRef,
    framed.dataSource,
    framed.sequenceNr,
    framed.aimedArrivalTime,
    framed.arrivalTime,
    framed.aimedDepartureTime,
    framed.departureTime,
    framed.delay,
    stop_lookup.stop_id,
    stop_lookup.name AS stop,
    stop_lookup.lat,
    stop_lookup.lon
FROM framed JOIN stop_lookup ON stop_lookup.ref = framed.stopPointRef
WHERE framed.visit = 1
  AND NOT framed.journey_flagged
  AND abs(coalesce(framed.actual_since_previous, 0) - coalesce(framed.planned_since_previous, 0)) <= 7200
  AND (framed.delay IS NULL OR abs(framed.delay) < 7200)
