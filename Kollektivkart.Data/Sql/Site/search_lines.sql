-- Inputs: stats.db line_direction, datasources; $text (trimmed, 2 characters or more), $limit.
-- Output: lines whose label, lineRef, operator and label ("RUT 31", "Ruter 31") or a terminus contains
-- the text, ignoring case and taking it literally (contains(), no LIKE pattern); one row per line with the
-- origin and destination of its busiest direction. Ranked: the label (alone or after the operator) is the
-- text, the label starts with it, a terminus has a word starting with it, anything else; then like the
-- lines list (number lineRef ends with, label in Norwegian order: SearchQueries orders and keeps the first $limit
-- of every line tied with the $limit-th by rank and number).
WITH query AS (
    SELECT lower($text) AS text, ' ' || regexp_replace(lower($text), '[^\pL\pN]', ' ', 'g') AS word
), named AS (
    SELECT
        d.*,
        coalesce(ds.dataSourceName, d.dataSource) AS data_source_name,
        lower(d.label) AS lower_label,
        [lower(d.dataSource || ' ' || d.label), lower(coalesce(ds.dataSourceName, d.dataSource) || ' ' || d.label)]
            AS operator_labels,
        [lower(d.origin), lower(d.destination)] AS termini
    FROM line_direction d LEFT JOIN datasources ds USING (dataSource)
), ranked AS (
    SELECT
        named.*,
        CASE
            WHEN lower_label = text OR list_contains(operator_labels, text) THEN 0
            WHEN starts_with(lower_label, text) THEN 1
            -- Text without a letter or digit is only spaces as a word, and would match any terminus with " - " in it.
            WHEN regexp_matches(text, '[\pL\pN]')
                AND list_bool_or([contains(' ' || regexp_replace(t, '[^\pL\pN]', ' ', 'g'), word) FOR t IN termini]) THEN 2
            WHEN contains(lower_label, text) OR contains(lower(lineRef), text)
                OR list_bool_or([contains(t, text) FOR t IN operator_labels || termini]) THEN 3
        END AS rank
    FROM named, query
)
SELECT
    dataSource, data_source_name, lineRef, label, line_number,
    first(origin ORDER BY legs DESC, direction NULLS LAST) AS origin,
    first(destination ORDER BY legs DESC, direction NULLS LAST) AS destination,
    min(rank) AS rank
FROM ranked
GROUP BY dataSource, data_source_name, lineRef, label, line_number
HAVING min(rank) IS NOT NULL
QUALIFY rank() OVER (ORDER BY min(rank), line_number NULLS LAST) <= $limit
