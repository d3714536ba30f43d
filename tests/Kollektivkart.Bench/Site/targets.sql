-- Input: a stats.db; $month (first day). Output: one row naming what the site benchmark requests: the stop with
-- the most stretches arriving that month (a busy stop page), the line with the most stretches (a long line page), and
-- the stretch into that stop with the most legs that month (a stretch page).
WITH stop AS (
    SELECT to_stop_id AS stop_id FROM leg_stat_rows WHERE month = $month
    GROUP BY to_stop_id ORDER BY count(*) DESC, to_stop_id LIMIT 1
), line AS (
    SELECT dataSource AS data_source, lineRef AS line_ref FROM line_stretch
    GROUP BY dataSource, lineRef ORDER BY count(*) DESC, dataSource, lineRef LIMIT 1
), stretch AS (
    SELECT from_stop_id FROM leg_stat_rows WHERE month = $month AND to_stop_id = (SELECT stop_id FROM stop)
    GROUP BY from_stop_id ORDER BY sum(hourly_count) DESC, from_stop_id LIMIT 1
)
SELECT stop.stop_id, line.data_source, line.line_ref, stretch.from_stop_id AS stretch_from
FROM stop, line, stretch
