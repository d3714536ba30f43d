using System.Text.Json;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// Appends BigQuery result pages to one of the raw tables of raw_schema.sql, matching columns by
/// name and decoding each by the result's schema. Plain columns go straight through the DuckDB
/// Appender; a table with STRUCT or LIST columns is appended to a landing table that holds those
/// as JSON text, and <see cref="EndBatch"/> moves the rows over with SQL casts.
/// </summary>
internal sealed class TableAppender : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _table;
    private readonly IReadOnlyList<(string Name, string Type)> _columns;
    private readonly string? _landing;
    private CellWriter[]? _writers;
    private int[]? _sourceIndex;
    private JsonElement[] _cells = [];
    private DuckDBAppender? _appender;

    public TableAppender(DuckDBConnection connection, string table)
    {
        _connection = connection;
        _table = table;
        _columns = Columns(connection, table);
        if (_columns.Any(c => CellDecoders.IsNested(c.Type)))
        {
            _landing = "bigquery_" + table;
            var definitions = _columns.Select(c => $"{Quote(c.Name)} {(CellDecoders.IsNested(c.Type) ? "VARCHAR" : c.Type)}");
            // Names and types come from raw_schema.sql, never from BigQuery or the user.
            connection.Execute($"CREATE OR REPLACE TEMP TABLE {Quote(_landing)} ({string.Join(", ", definitions)})");
        }
    }

    /// <summary>Rows appended since the last <see cref="EndBatch"/>.</summary>
    public int BatchRows { get; private set; }

    public long Rows { get; private set; }

    public void Append(ResultPage page)
    {
        if (_writers is null)
        {
            Plan(page.Schema);
        }
        _appender ??= _connection.CreateAppender(_landing ?? _table);
        var writers = _writers!;
        var sourceIndex = _sourceIndex!;
        var fieldCount = page.Schema.Count;
        foreach (var row in page.Rows.EnumerateArray())
        {
            var cellCount = 0;
            foreach (var cell in row.GetProperty("f").EnumerateArray())
            {
                if (cellCount < _cells.Length)
                {
                    _cells[cellCount] = cell.GetProperty("v");
                }
                cellCount++;
            }
            if (cellCount != fieldCount)
            {
                throw new BigQueryException($"a row of {_table} has {cellCount} values for {fieldCount} columns");
            }
            var target = _appender.CreateRow();
            for (var i = 0; i < writers.Length; i++)
            {
                var value = _cells[sourceIndex[i]];
                if (value.ValueKind == JsonValueKind.Null)
                {
                    target.AppendNullValue();
                    continue;
                }
                try
                {
                    writers[i](target, value);
                }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
                {
                    throw new BigQueryException($"column {_columns[i].Name} of {_table}: cannot read the value {value.GetRawText()} ({e.Message})");
                }
            }
            target.EndRow();
        }
        BatchRows += page.RowCount;
        Rows += page.RowCount;
    }

    /// <summary>Hands the appended rows to the table (closing the Appender), so SQL such as a flush to Parquet sees them.</summary>
    public void EndBatch()
    {
        _appender?.Dispose();
        _appender = null;
        if (_landing is not null && BatchRows > 0)
        {
            var values = _columns.Select(c => CellDecoders.IsNested(c.Type)
                ? $"CAST(CAST({Quote(c.Name)} AS JSON) AS {c.Type})"
                : Quote(c.Name));
            _connection.Execute($"INSERT INTO {Quote(_table)} SELECT {string.Join(", ", values)} FROM {Quote(_landing)}");
            _connection.Execute($"DELETE FROM {Quote(_landing)}");
        }
        BatchRows = 0;
    }

    public void Dispose()
    {
        _appender?.Dispose();
        if (_landing is not null)
        {
            _connection.Execute($"DROP TABLE IF EXISTS {Quote(_landing)}");
        }
    }

    /// <summary>Matches the result's fields to the table's columns by name (BigQuery names are case-insensitive).</summary>
    private void Plan(IReadOnlyList<BigQueryField> schema)
    {
        var writers = new CellWriter[_columns.Count];
        var sourceIndex = new int[_columns.Count];
        for (var i = 0; i < _columns.Count; i++)
        {
            var (name, type) = _columns[i];
            var source = -1;
            for (var f = 0; f < schema.Count && source < 0; f++)
            {
                if (string.Equals(schema[f].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    source = f;
                }
            }
            if (source < 0)
            {
                throw new BigQueryException($"BigQuery's result for {_table} has no column {name}");
            }
            sourceIndex[i] = source;
            writers[i] = CellDecoders.For(schema[source], type);
        }
        _cells = new JsonElement[schema.Count];
        _sourceIndex = sourceIndex;
        _writers = writers;
    }

    private static List<(string Name, string Type)> Columns(DuckDBConnection connection, string table)
    {
        using var reader = connection.Query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position",
            ("table", table));
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns.Count > 0 ? columns : throw new InvalidOperationException($"no table {table} on the connection");
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
