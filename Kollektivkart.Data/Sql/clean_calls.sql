-- Inputs: one operating day's arrivals ($arrivals: the partition's files, $operating_date), stop_lookup.
-- Output: temp table clean_calls. Grain: one row per kept call (service journey, stop call).
-- Cleaning rules of data-model.md section 3, in order of the spec:
--   first call per (journey, stopPointRef); whole journey dropped if any call is flagged;
--   a call dropped if actual vs planned time since the previous call differ by > 7200 s;
--   a call dropped if its delay is known and |delay| >= 7200 s.
-- "Previous" is the previous raw call of the journey, taken before any call is dropped.
CREATE OR REPLACE TEMP TABLE clean_calls AS
WITH raw AS (
    -- Only the columns the rules need: windows sort their whole payload, and the wide name
    -- columns would make them several times slower.
    SELECT
        serviceJourneyId, lineRef, directionRef, dataSource, stopPointRef, sequenceNr, recordedAtTime,
        aimedArrivalTime, arrivalTime, aimedDepartureTime, departureTime,
        coalesce(extraCall, false) OR coalesce(estimated, false)
            OR coalesce(journeyCancellation, false) OR coalesce(stopCancellation, false) AS flagged
    FROM read_parquet($arrivals)
), journeys AS (
    -- One pass per journey: a small integer key (windows sort on it far faster than on the
    -- id string) and whether any of its calls is flagged.
    SELECT
        serviceJourneyId,
        row_number() OVER () AS journey,
        bool_or(flagged) AS journey_flagged
    FROM raw
    GROUP BY serviceJourneyId
), framed AS (
    -- Differences of epoch seconds, not epoch(a - b): TIMESTAMPTZ subtraction goes through
    -- ICU's calendar arithmetic and is several times slower.
    SELECT
        raw.* EXCLUDE (flagged),
        journeys.journey,
        journeys.journey_flagged,
        row_number() OVER (
            PARTITION BY journeys.journey, raw.stopPointRef ORDER BY raw.sequenceNr, raw.recordedAtTime DESC
        ) AS visit,
        epoch(raw.arrivalTime) - epoch(coalesce(lag(raw.arrivalTime) OVER journey, lag(raw.departureTime) OVER journey))
            AS actual_since_previous,
        epoch(raw.aimedArrivalTime) - epoch(coalesce(lag(raw.aimedArrivalTime) OVER journey, lag(raw.aimedDepartureTime) OVER journey))
            AS planned_since_previous,
        coalesce(epoch(raw.arrivalTime) - epoch(raw.aimedArrivalTime), epoch(raw.departureTime) - epoch(raw.aimedDepartureTime))
            AS delay
    FROM raw JOIN journeys USING (serviceJourneyId)
    WINDOW journey AS (PARTITION BY journeys.journey ORDER BY raw.sequenceNr, raw.recordedAtTime DESC)
)
SELECT
    $operating_date::DATE AS operatingDate,
    framed.journey,
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
    stop_lookup.stop_key,
    stop_lookup.stop_id,
    stop_lookup.name AS stop
FROM framed JOIN stop_lookup ON stop_lookup.ref = framed.stopPointRef
WHERE framed.visit = 1
  AND NOT framed.journey_flagged
  AND abs(coalesce(framed.actual_since_previous, 0) - coalesce(framed.planned_since_previous, 0)) <= 7200
  AND (framed.delay IS NULL OR abs(framed.delay) < 7200)
