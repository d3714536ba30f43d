-- Inputs: route_name of all days ($route_names), the operating day ($operating_date).
-- Output: temp table directions. Grain: one row per (dataSource, lineRef, directionRef) of that day's routes, with its
-- canonical direction (data-model.md section 3): the directionRef its route (dataSource, lineRef, origin, destination)
-- had on its earliest operating day, as operators relabel directions between days. Legs and departures both read it.
CREATE OR REPLACE TEMP TABLE directions AS
WITH routes AS (
    FROM read_parquet($route_names, hive_partitioning = true)
), canonical AS (
    SELECT DISTINCT ON (dataSource, lineRef, origin_stop_id, destination_stop_id)
        dataSource, lineRef, origin_stop_id, destination_stop_id, directionRef AS direction
    FROM routes
    ORDER BY dataSource, lineRef, origin_stop_id, destination_stop_id, operatingDate, directionRef
)
SELECT routes.dataSource, routes.lineRef, routes.directionRef, canonical.direction
FROM routes JOIN canonical USING (dataSource, lineRef, origin_stop_id, destination_stop_id)
WHERE routes.operatingDate = $operating_date::DATE
