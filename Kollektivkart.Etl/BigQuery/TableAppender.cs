using System.Text.Json;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Raw;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// Appends BigQuery result pages to one of the raw tables of raw_schema.sql, matching columns by
/// name and decoding each by the result's schema, so what is stored always has the raw schema's types.
/// Plain columns go straight through the DuckDB Appender; a table with STRUCT or LIST columns is
/// appended to a landing table that holds those as JSON text, and <see cref="EndBatch"/> moves the rows
/// over with SQL casts. A column that drifted (<see cref="SchemaMatch"/>) is converted when that loses
/// nothing; otherwise one the derivations read stops the sync, and any other is stored as NULL.
/// </summary>
internal sealed class TableAppender : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _table;
    private readonly string _source;
    private readonly Action<ColumnDrift> _onDrift;
    private readonly string? _landing;
    private ColumnSource[]? _sources;
    private IReadOnlyList<BigQueryField> _schema = [];
    private JsonElement[] _cells = [];
    private DuckDBAppender? _appender;

    /// <param name="source">The table's name in messages (the BigQuery table it is fetched from).</param>
    /// <param name="onDrift">Told of every column that arrived other than expected and is converted, matched or stored as NULL.</param>
    /// <param name="read">The columns the derivations read (default: <see cref="RawColumns"/> of the table).</param>
    public TableAppender(
        DuckDBConnection connection, string table, string? source = null, Action<ColumnDrift>? onDrift = null, IReadOnlySet<string>? read = null)
    {
        _connection = connection;
        _table = table;
        _source = source ?? table;
        _onDrift = onDrift ?? (_ => { });
        Columns = RawTableColumns(connection, table, read ?? RawColumns.ReadBy(table));
        if (Columns.Any(c => c.Type.IsNested))
        {
            _landing = "bigquery_" + table;
            var definitions = Columns.Select(c => $"{Quote(c.Name)} {(c.Type.IsNested ? "VARCHAR" : c.DuckType)}");
            // Names and types come from raw_schema.sql, never from BigQuery or the user.
            connection.Execute($"CREATE OR REPLACE TEMP TABLE {Quote(_landing)} ({string.Join(", ", definitions)})");
        }
    }

    public IReadOnlyList<RawColumn> Columns { get; }

    /// <summary>Rows appended since the last <see cref="EndBatch"/>.</summary>
    public int BatchRows { get; private set; }

    public long Rows { get; private set; }

    public void Append(ResultPage page)
    {
        if (_sources is null)
        {
            Plan(page.Schema);
        }
        _appender ??= _connection.CreateAppender(_landing ?? _table);
        var sources = _sources!;
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
                throw new BigQueryException($"a row of {_source} has {cellCount} values for {fieldCount} columns");
            }
            var target = _appender.CreateRow();
            for (var i = 0; i < sources.Length; i++)
            {
                var (field, writer) = sources[i];
                if (writer is null || _cells[field].ValueKind == JsonValueKind.Null)
                {
                    target.AppendNullValue();
                    continue;
                }
                try
                {
                    writer(target, _cells[field]);
                }
                catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
                {
                    if (Columns[i].Read)
                    {
                        throw new BigQueryException(
                            $"BigQuery table {_source}, column {Columns[i].Name}: expected {Columns[i].Type.Describe()}, arrived " +
                            $"{_schema[field].Describe()} with the value {_cells[field].GetRawText()}, which cannot be converted ({e.Message})");
                    }
                    // A column the derivations do not read may hold anything: what cannot be converted is not kept.
                    target.AppendNullValue();
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
            // A column the derivations do not read keeps what converts; a nested value that does not is NULL.
            var values = Columns.Select(c => c.Type.IsNested
                ? $"{(c.Read ? "CAST" : "TRY_CAST")}(CAST({Quote(c.Name)} AS JSON) AS {c.DuckType})"
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

    private void Plan(IReadOnlyList<BigQueryField> schema)
    {
        var (sources, drifts) = SchemaMatch.Plan(_source, Columns, schema);
        if (drifts.FirstOrDefault(d => d.Handling == DriftHandling.Fails) is { } failure)
        {
            throw new BigQueryException(failure.FailureMessage);
        }
        drifts.ForEach(_onDrift);
        _cells = new JsonElement[schema.Count];
        _schema = schema;
        _sources = sources;
    }

    private static List<RawColumn> RawTableColumns(DuckDBConnection connection, string table, IReadOnlySet<string> read)
    {
        using var reader = connection.Query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position",
            ("table", table));
        var columns = new List<RawColumn>();
        while (reader.Read())
        {
            columns.Add(new RawColumn(reader.GetString(0), reader.GetString(1), read.Contains(reader.GetString(0))));
        }
        return columns.Count > 0 ? columns : throw new InvalidOperationException($"no table {table} on the connection");
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
