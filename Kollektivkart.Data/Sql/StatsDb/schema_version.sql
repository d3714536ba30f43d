-- Input: $version, the stats.db schema this build writes (StatsDbSchema.Version). Output: stats.db table
-- schema_version, one row. A run rebuilds a stats.db whose version differs or that has no such table:
-- one written before the tables the site now reads were added.
CREATE OR REPLACE TABLE schema_version AS SELECT $version::INTEGER AS version
