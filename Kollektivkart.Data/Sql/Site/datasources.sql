-- Input: stats.db datasources. Output: (code, name) of every operator with statistics, by name.
SELECT dataSource, dataSourceName FROM datasources ORDER BY dataSourceName, dataSource
