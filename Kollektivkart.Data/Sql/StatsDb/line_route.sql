-- Inputs: stats.db line_stretch, month_stretches, macro line_key. Output: stats.db table line_route. Grain: (month,
-- dataSource, lineRef, from_stop_id, to_stop_id): the stretches a line page lists for each month (see
-- Site/line_route.sql): those of line_stretch with statistics that month at any hour, each once, under the direction in
-- which the line ran it most. The page then reads its month's rows instead of looking up each stretch among a month of
-- leg_stat_rows. Made again every night from every month: line_stretch, the lines' legs counted over all days, changes
-- with every new day.
CREATE OR REPLACE TABLE line_route AS
SELECT m.month, line_key(l.lineRef) AS line_key, l.*
FROM line_stretch l JOIN month_stretches m
    ON m.data_source = l.dataSource AND m.from_stop_id = l.from_stop_id AND m.to_stop_id = l.to_stop_id
QUALIFY row_number() OVER (
    PARTITION BY m.month, l.dataSource, l.lineRef, l.from_stop_id, l.to_stop_id ORDER BY l.legs DESC, l.direction NULLS LAST) = 1
ORDER BY month, line_key, dataSource, lineRef, direction, position, from_stop_id, to_stop_id
