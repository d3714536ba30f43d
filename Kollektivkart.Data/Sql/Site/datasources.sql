-- Input: stats.db datasources. Output: (code, name) of every operator with statistics; DataCatalog puts them in
-- Norwegian order by name (NorwegianOrder: DuckDB's collations lack it).
SELECT dataSource, dataSourceName FROM datasources ORDER BY dataSource
