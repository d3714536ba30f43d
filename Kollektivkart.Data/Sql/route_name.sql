-- Input: clean_calls (one operating day).
-- Output: that day's route_name rows. Grain: (dataSource, lineRef, directionRef).
-- A journey's origin is its call with the lowest sequenceNr, its destination the highest;
-- the route's origin and destination are the pair most of the day's journeys have.
WITH journeys AS (
    SELECT
        dataSource, lineRef, directionRef, serviceJourneyId,
        arg_min(stop_id, sequenceNr) AS origin_stop_id,
        arg_min(stop, sequenceNr) AS origin,
        arg_max(stop_id, sequenceNr) AS destination_stop_id,
        arg_max(stop, sequenceNr) AS destination
    FROM clean_calls
    GROUP BY ALL
), pairs AS (
    SELECT dataSource, lineRef, directionRef, origin_stop_id, origin, destination_stop_id, destination,
           count(*) AS journeys
    FROM journeys
    GROUP BY ALL
)
SELECT dataSource, lineRef, directionRef, origin_stop_id, origin, destination_stop_id, destination, journeys
FROM pairs
QUALIFY row_number() OVER (
    PARTITION BY dataSource, lineRef, directionRef
    ORDER BY journeys DESC, origin_stop_id, destination_stop_id
) = 1
ORDER BY dataSource, lineRef, directionRef
