-- Inputs: stops.parquet ($stops), quays.parquet ($quays).
-- Output: temp table stop_lookup. Grain: one row per stop reference a call may carry
-- (a quay id, or a stop place id), mapped to exactly one stop place with its name and position.
-- The stop place's name and position win; the quay's fill in where the stop place has none.
CREATE OR REPLACE TEMP TABLE stop_lookup AS
WITH stop_places AS (
    FROM read_parquet($stops)
    SELECT id, name, location_latitude AS lat, location_longitude AS lon
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY TRY_CAST(version AS BIGINT) DESC NULLS LAST, version DESC) = 1
), quays AS (
    FROM read_parquet($quays)
    SELECT id, stopPlaceRef, name, location_latitude AS lat, location_longitude AS lon
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY TRY_CAST(version AS BIGINT) DESC NULLS LAST, version DESC) = 1
), by_quay AS (
    SELECT
        quays.id AS ref,
        stop_places.id AS stop_id,
        coalesce(stop_places.name, quays.name) AS name,
        coalesce(stop_places.lat, quays.lat) AS lat,
        coalesce(stop_places.lon, quays.lon) AS lon
    FROM quays JOIN stop_places ON quays.stopPlaceRef = stop_places.id
), by_stop_place AS (
    -- A call naming the stop place itself maps to it once, not once per quay; its quays only
    -- fill in a missing name or position (the first quay by id, for a stable answer).
    SELECT
        stop_places.id AS ref,
        stop_places.id AS stop_id,
        coalesce(stop_places.name, first(by_quay.name ORDER BY by_quay.ref)) AS name,
        coalesce(stop_places.lat, first(by_quay.lat ORDER BY by_quay.ref)) AS lat,
        coalesce(stop_places.lon, first(by_quay.lon ORDER BY by_quay.ref)) AS lon
    FROM stop_places LEFT JOIN by_quay ON by_quay.stop_id = stop_places.id
    GROUP BY stop_places.id, stop_places.name, stop_places.lat, stop_places.lon
)
-- stop_key: a small integer for each reference, so windows over calls carry an integer, not strings.
SELECT row_number() OVER (ORDER BY ref) AS stop_key, ref, stop_id, name, lat, lon
FROM (FROM by_quay UNION ALL FROM by_stop_place)
