-- Inputs: stats.db stretch_months. Output: every stretch with statistics in some month (what StretchQueries.Find finds);
-- read whole once per stats.db (SiteDimensions), so a stretch page asks whether its reverse exists without a query.
SELECT DISTINCT from_stop_id, to_stop_id
FROM stretch_months
