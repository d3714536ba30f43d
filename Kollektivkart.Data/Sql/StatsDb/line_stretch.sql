-- Input: line_stretch.parquet ($line_stretch). Output: stats.db table line_stretch.
-- Grain: (dataSource, lineRef, direction, from_stop_id, to_stop_id), a line's stretches in route order per direction.
CREATE OR REPLACE TABLE line_stretch AS
FROM read_parquet($line_stretch)
ORDER BY dataSource, lineRef, direction, position, from_stop_id, to_stop_id
