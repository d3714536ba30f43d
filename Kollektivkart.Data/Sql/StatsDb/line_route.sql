-- Inputs: stats.db line_stretch, leg_stats. Output: stats.db table line_route. Grain: (month, dataSource, lineRef,
-- from_stop_id, to_stop_id): the stretches a line page lists for each month (see Site/line_route.sql): those of
-- line_stretch with statistics that month at any hour, each once, under the direction in which the line ran it most.
-- The page then reads its month's rows instead of looking up each stretch among a month of leg_stats rows.
CREATE TABLE line_route AS
WITH months AS (
    SELECT DISTINCT month, dataSource, from_stop_id, to_stop_id FROM leg_stats
)
SELECT m.month, l.*
FROM line_stretch l JOIN months m USING (dataSource, from_stop_id, to_stop_id)
QUALIFY row_number() OVER (
    PARTITION BY m.month, l.dataSource, l.lineRef, l.from_stop_id, l.to_stop_id ORDER BY l.legs DESC, l.direction NULLS LAST) = 1
ORDER BY month, dataSource, lineRef, direction, position, from_stop_id, to_stop_id
