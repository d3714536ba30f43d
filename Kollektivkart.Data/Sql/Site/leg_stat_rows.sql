-- Inputs: stats.db leg_stat_rows (leg_stats with rush intensity and marker position), stop_line;
-- $month (first day), $day_type, $hour, $data_source (NULL: every operator), $line_ref (NULL: every line),
-- $limit (NULL: no limit).
-- Output: one row per stretch with its statistics that month, day type and hour, the highest rush intensity first.
SELECT * EXCLUDE (month, day_type, hour, from_key, to_key)
FROM leg_stat_rows s
WHERE month = $month AND day_type = $day_type AND hour = $hour
  AND ($data_source IS NULL OR data_source = $data_source)
  AND ($line_ref IS NULL OR EXISTS (
      SELECT 1 FROM stop_line l
      WHERE l.lineRef = $line_ref AND l.dataSource = s.data_source
        AND l.from_stop_id = s.from_stop_id AND l.to_stop_id = s.to_stop_id))
ORDER BY rush_intensity DESC, hourly_quartile - monthly_duration DESC, data_source, from_stop_id, to_stop_id
LIMIT $limit
