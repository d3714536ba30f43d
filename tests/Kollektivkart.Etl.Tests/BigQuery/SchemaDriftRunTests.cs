using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;
using Xunit.Abstractions;
using static Kollektivkart.Etl.Tests.BigQuery.BigQueryRunTests;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>
/// <c>run</c> as a real process against Entur's tables changed under it: drift in columns the derivations
/// do not read is logged once and survived, read columns sent in another convertible type are converted, and a
/// read column that is gone or a value that cannot be converted stops the run before the day is written.
/// </summary>
public sealed class SchemaDriftRunTests(BigQueryDemoFixture demo, ITestOutputHelper output) : IClassFixture<BigQueryDemoFixture>, IDisposable
{
    private const string ArrivalsGlob = "arrivals.parquet/*/*.parquet";

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        demo.Fake.Reset();
        _folder.Dispose();
    }

    [Fact]
    public void Drift_in_unread_columns_is_logged_once_and_survived_and_read_columns_are_converted_with_the_stats_unchanged()
    {
        var fake = demo.Fake;
        fake.Reset();
        var tables = EnturTables.FromPond(demo.SourcePond).ToDictionary(t => t.Name);
        var stops = tables[EnturTables.StopPlaces];
        fake.Serve(stops with
        {
            Columns = Replace(stops.Columns,
                ("alternativeNames", FakeColumn.Record("alternativeNames", "REPEATED", new("nameType", "STRING"), new("name", "STRING"))),
                ("validBetween", FakeColumn.Record("validBetween", "NULLABLE", new("toDate", "TIMESTAMP"), new("note", "STRING"), new("fromDate", "TIMESTAMP"))),
                ("tariffZoneRefs", null)),
            Source = """
                (SELECT * REPLACE (
                    [{'nameType': 'alias', 'name': name}] AS alternativeNames,
                    CASE WHEN validBetween IS NOT NULL THEN struct_insert(validBetween, note := 'drifted') END AS validBetween),
                    NULL::VARCHAR[] AS keyValues
                 FROM read_parquet($path))
                """,
        });
        var quays = tables[EnturTables.Quays];
        fake.Serve(quays with { Columns = Replace(quays.Columns, ("publicCode", new FakeColumn("publicCode", "INTEGER")), ("shortName", null)) });
        var arrivals = tables[EnturTables.Arrivals];
        fake.Serve(arrivals with
        {
            Columns = Replace(arrivals.Columns,
                ("sequenceNr", new FakeColumn("sequenceNr", "STRING")),
                ("extraCall", new FakeColumn("extraCall", "STRING")),
                ("estimated", new FakeColumn("estimated", "STRING")),
                ("arrivalTime", new FakeColumn("arrivalTime", "FLOAT")),
                ("aimedArrivalTime", new FakeColumn("aimedArrivalTime", "INTEGER")),
                ("operatorRef", FakeColumn.Record("operatorRef", "NULLABLE", new FakeColumn("code", "STRING"))),
                ("originName", null)),
            Source = """
                (SELECT * REPLACE (
                    epoch(arrivalTime) AS arrivalTime, epoch_us(aimedArrivalTime) AS aimedArrivalTime, {'code': operatorRef} AS operatorRef),
                    NULL::VARCHAR AS journeyPatternRef
                 FROM read_parquet($path, hive_partitioning = true)) WHERE operatingDate = $operating_date
                """,
        });
        // The first day was synced before Entur changed its tables: the days after it must read alike with it.
        var pond = _folder.Sub("pond");
        var firstDay = $"arrivals.parquet/operatingDate={Format(demo.Days[0])}";
        TempFolder.CopyTree(Path.Combine(demo.SourcePond, firstDay), Path.Combine(pond, firstDay));

        var result = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(StatsDb(demo.ReferencePond), StatsDb(pond));
        Assert.Equal(DerivedRows(demo.ReferencePond), DerivedRows(pond));
        var drifts = result.Output.Split('\n').Where(l => l.Contains("BigQuery schema drift in ", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            $"in {EnturTables.StopPlaces}: column alternativeNames expected REPEATED RECORD(lang STRING, nameType STRING, name STRING), arrived REPEATED RECORD(nameType STRING, name STRING); fields matched by name",
            $"in {EnturTables.StopPlaces}: column validBetween expected RECORD(fromDate TIMESTAMP, toDate TIMESTAMP), arrived RECORD(toDate TIMESTAMP, note STRING, fromDate TIMESTAMP); fields matched by name",
            $"in {EnturTables.StopPlaces}: column tariffZoneRefs expected REPEATED STRING, arrived missing; not read by the derivations: stored as NULL",
            $"in {EnturTables.StopPlaces}: column keyValues expected no such column, arrived REPEATED STRING; not in raw_schema.sql: not fetched",
            $"in {EnturTables.Quays}: column publicCode expected STRING, arrived INT64; converted",
            $"in {EnturTables.Quays}: column shortName expected STRING, arrived missing; not read by the derivations: stored as NULL",
            $"in {EnturTables.Arrivals}: column sequenceNr expected INT64, arrived STRING; converted",
            $"in {EnturTables.Arrivals}: column extraCall expected BOOL, arrived STRING; converted",
            $"in {EnturTables.Arrivals}: column estimated expected BOOL, arrived STRING; converted",
            $"in {EnturTables.Arrivals}: column arrivalTime expected TIMESTAMP, arrived FLOAT64; converted",
            $"in {EnturTables.Arrivals}: column aimedArrivalTime expected TIMESTAMP, arrived INT64; converted",
            $"in {EnturTables.Arrivals}: column operatorRef expected STRING, arrived RECORD(code STRING); not read by the derivations: stored as NULL",
            $"in {EnturTables.Arrivals}: column originName expected STRING, arrived missing; not read by the derivations: stored as NULL",
            $"in {EnturTables.Arrivals}: column journeyPatternRef expected no such column, arrived STRING; not in raw_schema.sql: not fetched",
        ];
        // One line per column however many days were fetched.
        Assert.Equal(expected.Length, drifts.Count);
        Assert.All(expected, line => Assert.Single(drifts, d => d.Contains(line, StringComparison.Ordinal)));
        Assert.All(drifts, line => Assert.Contains("warn", line, StringComparison.OrdinalIgnoreCase));

        // The pond holds raw_schema.sql's types on every day, whoever wrote it, and the read columns as Entur sent them.
        Assert.Single(FileSchemas(pond, "arrivals.parquet").Distinct());
        Assert.Equal(FileSchemas(demo.SourcePond, "arrivals.parquet").Distinct(), FileSchemas(pond, "arrivals.parquet").Distinct());
        Assert.Equal(FileSchemas(demo.SourcePond, "stops.parquet"), FileSchemas(pond, "stops.parquet"));
        Assert.Equal(FileSchemas(demo.SourcePond, "quays.parquet"), FileSchemas(pond, "quays.parquet"));
        using var connection = DuckDbConnections.OpenInMemory();
        const string Read = "SELECT * EXCLUDE (operatorRef, originName) FROM read_parquet($files, hive_partitioning = true)";
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM (({Read.Replace("$files", "$source", StringComparison.Ordinal)}) EXCEPT ALL ({Read}))",
            ("source", Path.Combine(demo.SourcePond, ArrivalsGlob)), ("files", Path.Combine(pond, ArrivalsGlob))));
        Assert.Equal(0, connection.Scalar<long>(
            "SELECT count(*) FROM read_parquet($files, hive_partitioning = true) WHERE operatingDate > $first AND (operatorRef IS NOT NULL OR originName IS NOT NULL)",
            ("files", Path.Combine(pond, ArrivalsGlob)), ("first", demo.Days[0])));
        Assert.Equal(0, connection.Scalar<long>(
            """
            SELECT count(*) FROM read_parquet($stops)
            WHERE len(alternativeNames) <> 1 OR alternativeNames[1].lang IS NOT NULL OR alternativeNames[1].nameType <> 'alias'
               OR alternativeNames[1].name IS DISTINCT FROM name OR tariffZoneRefs IS NOT NULL
            """,
            ("stops", Path.Combine(pond, "stops.parquet"))));
    }

    [Fact]
    public void A_read_column_that_is_gone_fails_the_run_before_the_day_is_queried_and_keeps_the_days_before()
    {
        var fake = demo.Fake;
        fake.Reset();
        var arrivals = EnturTables.FromPond(demo.SourcePond).Single(t => t.Name == EnturTables.Arrivals);
        fake.Serve(arrivals with { Columns = Replace(arrivals.Columns, ("stopPointRef", null)) });
        var pond = _folder.Sub("pond");
        var firstDay = $"arrivals.parquet/operatingDate={Format(demo.Days[0])}";
        TempFolder.CopyTree(Path.Combine(demo.SourcePond, firstDay), Path.Combine(pond, firstDay));

        var result = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: operating day {Format(demo.Days[1])} was not fetched: BigQuery table {EnturTables.Arrivals}, column stopPointRef: " +
            "expected STRING, arrived missing; read by the derivations and cannot be converted. " +
            "Days fetched before it are kept; the next run starts from this day.",
            result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain(fake.Requests, r => r.Kind == FakeRequest.Query && r.Table == EnturTables.Arrivals);
        AssertNothingDerivedAndOnlyTheFirstDayKept(pond);
    }

    [Fact]
    public void A_read_value_that_cannot_be_converted_fails_that_day_and_keeps_the_days_fetched_before_it()
    {
        var fake = demo.Fake;
        fake.Reset();
        var arrivals = EnturTables.FromPond(demo.SourcePond).Single(t => t.Name == EnturTables.Arrivals);
        fake.Serve(arrivals with
        {
            Columns = Replace(arrivals.Columns, ("sequenceNr", new FakeColumn("sequenceNr", "STRING"))),
            Source = $"""
                (SELECT * REPLACE (
                    CASE WHEN operatingDate = DATE '{Format(demo.Days[1])}' AND sequenceNr = 3 THEN 'third' ELSE sequenceNr::VARCHAR END AS sequenceNr),
                    NULL::VARCHAR AS journeyPatternRef
                 FROM read_parquet($path, hive_partitioning = true)) WHERE operatingDate = $operating_date
                """,
        });
        var pond = _folder.Sub("pond");
        Directory.CreateDirectory(pond);

        var result = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.Equal(1, result.ExitCode);
        var error = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith(
            $"error: operating day {Format(demo.Days[1])} was not fetched: BigQuery table {EnturTables.Arrivals}, column sequenceNr: " +
            "expected INT64, arrived STRING with the value \"third\", which cannot be converted (", error);
        Assert.EndsWith("Days fetched before it are kept; the next run starts from this day.", error);
        AssertNothingDerivedAndOnlyTheFirstDayKept(pond);
    }

    private void AssertNothingDerivedAndOnlyTheFirstDayKept(string pond)
    {
        Assert.Equal([$"operatingDate={Format(demo.Days[0])}"], Partitions(pond, "arrivals.parquet"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(pond, ".staging")));
        Assert.False(Directory.Exists(Path.Combine(pond, "legs.parquet")), "nothing is derived from a failed sync");
        Assert.False(File.Exists(Path.Combine(pond, "stats.db")));
    }

    /// <summary>The columns with new definitions (null: the column is gone), in the table's order.</summary>
    private static List<FakeColumn> Replace(IReadOnlyList<FakeColumn> columns, params (string Name, FakeColumn? Column)[] changes) => columns
        .Select(c => changes.Any(x => x.Name == c.Name) ? changes.Single(x => x.Name == c.Name).Column : c)
        .OfType<FakeColumn>()
        .ToList();

    /// <summary>The column names and types of each Parquet file of a dataset (a file, or a folder of partitions), as DuckDB reads them.</summary>
    private static List<string> FileSchemas(string pond, string dataset)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        var path = Path.Combine(pond, dataset);
        var files = File.Exists(path) ? [path] : Directory.GetFiles(path, "*.parquet", SearchOption.AllDirectories);
        var schemas = files.Order(StringComparer.Ordinal).Select(file => connection.Scalar<string>(
            "SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM read_parquet($file))", ("file", file)) ?? "").ToList();
        Assert.NotEmpty(schemas);
        return schemas;
    }
}
