-- Inputs: stats.db stops; $text (trimmed, 2 characters or more), $limit.
-- Output: stops whose name contains the text, ignoring case and taking it literally (contains(), no
-- LIKE pattern): names starting with it first, then names with a word starting with it, then shorter
-- names, then alphabetically (Norwegian order, which SearchQueries applies: DuckDB's collations lack it; so
-- every stop tied with the $limit-th by rank and length comes, and SearchQueries keeps the first $limit).
-- Their operators tell same-named stops in different towns apart.
WITH query AS (
    SELECT lower($text) AS text, ' ' || regexp_replace(lower($text), '[^\pL\pN]', ' ', 'g') AS word
), matched AS (
    SELECT stops.*, lower(stops.name) AS lower_name, query.*
    FROM stops, query
    WHERE contains(lower(stops.name), query.text)
)
SELECT
    stop_id, name, lat, lon, data_sources, length(name) AS name_length,
    CASE
        WHEN starts_with(lower_name, text) THEN 0
        -- A word starts after anything but a letter or digit: "Nedre Storo", "Bryn-Storo".
        WHEN contains(' ' || regexp_replace(lower_name, '[^\pL\pN]', ' ', 'g'), word) THEN 1
        ELSE 2
    END AS rank
FROM matched
QUALIFY rank() OVER (ORDER BY rank, name_length) <= $limit
