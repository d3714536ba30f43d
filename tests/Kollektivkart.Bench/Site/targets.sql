-- Input: a stats.db; $month (first day). Output: one row naming what the site benchmark requests: the stop with
-- the most stretches arriving that month (a busy stop page), and the line with the most stretches (a long line page).
SELECT
    (SELECT to_stop_id FROM leg_stat_rows WHERE month = $month
     GROUP BY to_stop_id ORDER BY count(*) DESC, to_stop_id LIMIT 1) AS stop_id,
    (SELECT dataSource FROM line_stretch
     GROUP BY dataSource, lineRef ORDER BY count(*) DESC, dataSource, lineRef LIMIT 1) AS data_source,
    (SELECT lineRef FROM line_stretch
     GROUP BY dataSource, lineRef ORDER BY count(*) DESC, dataSource, lineRef LIMIT 1) AS line_ref
