-- Input: stats.db leg_stat_rows; $month, the month to build; $limit (MapQueries.HotSpotLimit). Output: that month's
-- rows of stats.db table hot_spots. Grain: (month,
-- day_type, hour, data_source, from_stop_id, to_stop_id), the columns of leg_stat_rows: in each month, day type and
-- hour, the rows that can be among its $limit hot spots (Site/hot_spots.sql), so the hot-spots view ranks about
-- $limit rows instead of an hour's 12,000 national ones on every request. The hot spots come first by rush intensity,
-- then by excess (hourly_quartile - monthly_duration): the cut is the (rush intensity, excess) at which the count of
-- rows at or above it reaches $limit, and every row at the cut is kept, as the stretch ids decide among them.
-- Counting first keeps the build to one pass over the wide rows: ranking them all took four times as long.
WITH month_rows AS (
    FROM leg_stat_rows WHERE month = $month
), counts AS (
    SELECT month, day_type, hour, rush_intensity, hourly_quartile - monthly_duration AS excess, count(*) AS stretches
    FROM month_rows
    GROUP BY month, day_type, hour, rush_intensity, excess
), at_or_above AS (
    SELECT *, sum(stretches) OVER (PARTITION BY month, day_type, hour ORDER BY rush_intensity DESC, excess DESC) AS stretches_at_or_above
    FROM counts
), cut AS (
    -- NULL for an hour with fewer than $limit stretches: all of them are hot spots.
    SELECT month, day_type, hour,
        arg_min({'rush_intensity': rush_intensity, 'excess': excess}, stretches_at_or_above)
            FILTER (WHERE stretches_at_or_above >= $limit) AS cut
    FROM at_or_above
    GROUP BY month, day_type, hour
)
SELECT s.*
FROM month_rows s JOIN cut c ON s.month = c.month AND s.day_type = c.day_type AND s.hour = c.hour
WHERE c.cut IS NULL
   OR s.rush_intensity > c.cut.rush_intensity
   OR (s.rush_intensity = c.cut.rush_intensity AND s.hourly_quartile - s.monthly_duration >= c.cut.excess)
ORDER BY s.month, s.day_type, s.hour
