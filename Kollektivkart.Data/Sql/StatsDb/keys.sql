-- Output: stats.db macros stop_key and line_key: the integer keys the big tables are ordered by, so that a page looking
-- up one stop or line reads one or a few row groups. DuckDB's zone maps of a string keep its first 8 bytes only
-- ("NSR:Stop", "RUT:Line"), which no sort order can narrow; an integer's are exact. A key is stable across builds (a
-- night's stats.db keeps the rows of the months it did not rebuild): a stop place's key is the number in
-- NSR:StopPlace:N, any other id's a negative number from its MD5, a line's a positive number from the MD5 of its
-- lineRef. Kollektivkart.Data.Site.StatsKeys computes the same keys for the site's queries; a key only narrows the
-- rows read, so every query also compares the id itself.
CREATE OR REPLACE MACRO stop_key(id) AS
    CASE
        WHEN regexp_full_match(id, 'NSR:StopPlace:[0-9]{1,15}') THEN CAST(id[15:] AS BIGINT)
        ELSE -1 - CAST(md5_number_lower(id) >> 1 AS BIGINT)
    END;

CREATE OR REPLACE MACRO line_key(line_ref) AS CAST(md5_number_lower(line_ref) >> 1 AS BIGINT);
