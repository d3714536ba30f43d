using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.BigQuery;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>
/// Columns that arrive other than raw_schema.sql expects, decoded in-process from the fake's REST answers:
/// records matched by field name, read columns converted without loss, unread ones stored as NULL, and a
/// read column or value that cannot be had named with what was expected and what arrived.
/// </summary>
public sealed class SchemaDriftTests : IAsyncLifetime
{
    private const string Table = "test-project.samples.drifted";

    // Stop-place-like values: names without lang, a validity record with its fields reordered and one more,
    // an empty repeated record, and the same numbers, flags and times as text and numbers.
    private const string Source = """
        (SELECT * FROM (VALUES
            (1, [{'name': 'Jernbanetorget', 'nameType': 'alias', 'script': 'Latn'}],
             {'toDate': NULL::TIMESTAMPTZ, 'note': 'x', 'fromDate': TIMESTAMPTZ '2024-01-01 00:00:00+00'},
             '42', 'true', 1743296523.456789::DOUBLE, 1743296523456789::BIGINT, {'code': 'RUT'}, '7'),
            (2, [], NULL, '-9223372036854775808', 'false', 0.0::DOUBLE, -1::BIGINT, NULL, 'n/a'),
            (3, NULL, {'toDate': TIMESTAMPTZ '2099-12-31 23:59:59+00', 'note': NULL, 'fromDate': NULL::TIMESTAMPTZ},
             NULL, NULL, NULL, NULL, {'code': NULL}, NULL)
        ) AS t(n, names, validity, number, flag, seconds, micros, operator, count))
        """;

    private const string Target = """
        CREATE TABLE stops_like (
            n BIGINT,
            names STRUCT(lang VARCHAR, nameType VARCHAR, name VARCHAR)[],
            validity STRUCT(fromDate TIMESTAMPTZ, toDate TIMESTAMPTZ),
            number BIGINT, flag BOOLEAN, seconds TIMESTAMPTZ, micros TIMESTAMPTZ,
            operator VARCHAR, count BIGINT, gone VARCHAR)
        """;

    private static readonly FakeColumn[] Columns =
    [
        new("n", "INTEGER"),
        FakeColumn.Record("names", "REPEATED", new("name", "STRING"), new("nameType", "STRING"), new("script", "STRING")),
        FakeColumn.Record("validity", "NULLABLE", new("toDate", "TIMESTAMP"), new("note", "STRING"), new("fromDate", "TIMESTAMP")),
        new("number", "STRING"), new("flag", "STRING"), new("seconds", "FLOAT"), new("micros", "INTEGER"),
        FakeColumn.Record("operator", "NULLABLE", new FakeColumn("code", "STRING")),
        new("count", "STRING"),
    ];

    private readonly TempFolder _folder = new();
    private FakeBigQuery _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBigQuery.StartAsync([new FakeTable(Table, Columns, Source)]);

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Records_are_matched_by_field_name_read_columns_converted_and_unread_ones_that_cannot_be_stored_as_NULL()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute(Target);
        var drifts = new List<ColumnDrift>();

        await Fetch(connection, "n, names, validity, number, flag, seconds, micros, operator", drifts.Add, ["n", "number", "flag", "seconds", "micros"]);

        Assert.Equal(
            [
                ("names", "REPEATED RECORD(lang STRING, nameType STRING, name STRING)", "REPEATED RECORD(name STRING, nameType STRING, script STRING)", DriftHandling.MatchedByName),
                ("validity", "RECORD(fromDate TIMESTAMP, toDate TIMESTAMP)", "RECORD(toDate TIMESTAMP, note STRING, fromDate TIMESTAMP)", DriftHandling.MatchedByName),
                ("number", "INT64", "STRING", DriftHandling.Converted),
                ("flag", "BOOL", "STRING", DriftHandling.Converted),
                ("seconds", "TIMESTAMP", "FLOAT64", DriftHandling.Converted),
                ("micros", "TIMESTAMP", "INT64", DriftHandling.Converted),
                ("operator", "STRING", "RECORD(code STRING)", DriftHandling.StoredAsNull),
                ("count", "INT64", "missing", DriftHandling.StoredAsNull),
                ("gone", "STRING", "missing", DriftHandling.StoredAsNull),
            ],
            drifts.Select(d => (d.Column, d.Expected, d.Arrived, d.Handling)));
        Assert.Equal(
            """[{"lang":null,"nameType":"alias","name":"Jernbanetorget"}]|[]|[]""",
            connection.Scalar<string>("SELECT string_agg(coalesce(to_json(names)::VARCHAR, 'NULL'), '|' ORDER BY n) FROM stops_like"));
        Assert.Equal(
            "2024-01-01 00:00:00+00/NULL|NULL|NULL/2099-12-31 23:59:59+00",
            connection.Scalar<string>("""
                SELECT string_agg(CASE WHEN validity IS NULL THEN 'NULL'
                    ELSE coalesce(strftime(validity.fromDate AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S+00'), 'NULL') || '/'
                        || coalesce(strftime(validity.toDate AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S+00'), 'NULL') END, '|' ORDER BY n)
                FROM stops_like
                """));
        Assert.Equal("42|-9223372036854775808|NULL", Column(connection, "number"));
        Assert.Equal("true|false|NULL", Column(connection, "flag"));
        Assert.Equal(
            "2025-03-30 01:02:03.456789|1970-01-01 00:00:00|NULL",
            Column(connection, "strftime(seconds AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f')").Replace(".000000", "", StringComparison.Ordinal));
        Assert.Equal(
            "2025-03-30 01:02:03.456789|1969-12-31 23:59:59.999999|NULL",
            Column(connection, "strftime(micros AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f')"));
        Assert.Equal("NULL|NULL|NULL", Column(connection, "operator"));
        Assert.Equal("NULL|NULL|NULL", Column(connection, "gone"));
    }

    [Fact]
    public async Task An_unread_value_that_cannot_be_converted_is_stored_as_NULL_and_a_read_one_fails_naming_column_and_value()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("CREATE TABLE counts (n BIGINT, count BIGINT)");

        await Fetch(connection, "n, count", _ => { }, ["n"], "counts");
        Assert.Equal("7|NULL|NULL", Column(connection, "count", "counts"));

        connection.Execute("DELETE FROM counts");
        var error = await Assert.ThrowsAsync<BigQueryException>(() => Fetch(connection, "n, count", _ => { }, ["n", "count"], "counts"));
        Assert.StartsWith("BigQuery table counts, column count: expected INT64, arrived STRING with the value \"n/a\", which cannot be converted (", error.Message);
    }

    [Fact]
    public void A_table_schema_names_new_columns_and_a_missing_read_column_as_the_failure()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("CREATE TABLE calls (stopPointRef VARCHAR, originName VARCHAR)");
        using var appender = new TableAppender(connection, "calls", "entur.calls", read: new HashSet<string> { "stopPointRef" });
        var schema = new List<BigQueryField> { new("originName", "STRING", "NULLABLE", []), new("journeyPatternRef", "STRING", "NULLABLE", []) };

        var (sources, drifts) = SchemaMatch.Plan("entur.calls", appender.Columns, schema);

        Assert.Equal([-1, 0], sources.Select(s => s.Field));
        Assert.Equal(
            [
                "BigQuery table entur.calls, column stopPointRef: expected STRING, arrived missing; read by the derivations and cannot be converted",
                "BigQuery table entur.calls, column journeyPatternRef: expected no such column, arrived STRING; not in raw_schema.sql: not fetched",
            ],
            drifts.Select(d => d.FailureMessage));
        Assert.Equal([DriftHandling.Fails, DriftHandling.NotFetched], drifts.Select(d => d.Handling));
    }

    private async Task Fetch(
        DuckDB.NET.Data.DuckDBConnection connection, string columns, Action<ColumnDrift> onDrift, string[] read, string table = "stops_like")
    {
        using var client = _fake.Client(_folder.Sub("key.json"));
        using var appender = new TableAppender(connection, table, onDrift: onDrift, read: read.ToHashSet(StringComparer.OrdinalIgnoreCase));
        await client.QueryAsync($"SELECT {columns} FROM `{Table}`", [], appender.Append, default);
        appender.EndBatch();
    }

    private static string Column(DuckDB.NET.Data.DuckDBConnection connection, string expression, string table = "stops_like") =>
        connection.Scalar<string>($"SELECT string_agg(coalesce(CAST({expression} AS VARCHAR), 'NULL'), '|' ORDER BY n) FROM {table}") ?? "";
}
