using System.Globalization;
using System.Security.Cryptography;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;
using Xunit.Abstractions;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>
/// <c>run</c> without --skip-bq as a real process against the fake BigQuery: the pond it writes is
/// the demo generator's, row for row; it fetches only missing days; a failing day is named and
/// leaves nothing behind; bad credentials are refused up front; secrets never reach the log.
/// </summary>
public sealed class BigQueryRunTests(BigQueryDemoFixture demo, ITestOutputHelper output) : IClassFixture<BigQueryDemoFixture>, IDisposable
{
    private static readonly string[] Derived = ["route_name.parquet", "legs.parquet", "leg_stats.parquet"];

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        demo.Fake.Reset();
        _folder.Dispose();
    }

    [Fact]
    public void A_run_into_an_empty_pond_writes_the_demo_data_row_for_row_and_the_same_stats()
    {
        var fake = demo.Fake;
        fake.Reset();
        fake.PageRows = 2000;
        fake.IncompleteAtFirst = table => table != EnturTables.Quays;
        var days = demo.Days;
        var rateLimited = fake.Inject(r => r.Kind == FakeRequest.Query && r.Day == days[1], 429, "rateLimitExceeded");
        var serverError = fake.Inject(r => r.Kind == FakeRequest.Results && r.Day == days[2] && r.Page == 1, 500);
        var pond = _folder.Sub("pond");
        Directory.CreateDirectory(pond);

        var result = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var (dataset, glob) in RawDatasets)
        {
            AssertSameRows(dataset, Path.Combine(demo.SourcePond, glob), Path.Combine(pond, glob));
        }
        Assert.Equal(Partitions(demo.SourcePond, "arrivals.parquet"), Partitions(pond, "arrivals.parquet"));
        Assert.Equal(StatsDb(demo.ReferencePond), StatsDb(pond));
        Assert.Equal(DerivedRows(demo.ReferencePond), DerivedRows(pond));

        var requests = fake.Requests;
        Assert.Equal(days, FetchedDays(requests));
        Assert.True(requests.Count(r => r.Kind == FakeRequest.Results && r.Table == EnturTables.Arrivals) > 2 * days.Count, "each day should take several pages");
        Assert.Equal((1, 1), (rateLimited.Hits, serverError.Hits));
        Assert.DoesNotContain(requests, r => r.Status is 400 or 401 or 404);
        foreach (var day in days)
        {
            Assert.Contains($"Fetched operating day {Format(day)}: ", result.Output);
        }
        Assert.Contains("rows/s", result.Output);
        Assert.Contains("429 (rateLimitExceeded)", result.Output);
        Assert.Contains("500 (backendError)", result.Output);
        AssertNoSecrets(result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(pond, ".staging")));
    }

    [Fact]
    public void A_second_run_fetches_no_day_again_and_bills_BIGQUERY_PROJECT_when_set()
    {
        var fake = demo.Fake;
        fake.Reset();
        var pond = _folder.Sub("pond");
        TempFolder.CopyTree(demo.ReferencePond, pond);
        var before = TempFolder.Snapshot(pond);
        var environment = demo.Environment();
        environment["BIGQUERY_PROJECT"] = "kollektivkart-billing";

        var result = EtlProcess.Run(environment, "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        var requests = fake.Requests.Where(r => r.Kind != FakeRequest.Token).ToList();
        Assert.Empty(FetchedDays(requests));
        // A day that ended in Norway after the demo pond was made (the suite crossed midnight there) is new and is asked
        // for; no day the pond holds is.
        var ended = requests.Where(r => r.Kind == FakeRequest.Query && r.Table == EnturTables.Arrivals).Select(r => r.Day).Distinct().ToList();
        Assert.All(ended, day => Assert.True(day > demo.Days[^1], $"asked again for {day}, which the pond holds"));
        Assert.Equal(
            [EnturTables.StopPlaces, EnturTables.Quays],
            requests.Where(r => r.Kind == FakeRequest.Query && r.Table != EnturTables.Arrivals).Select(r => r.Table));
        // Queries are billed to BIGQUERY_PROJECT; reading a table's schema is not billed and names the table's own project.
        Assert.All(requests.Where(r => r.Kind != FakeRequest.TableSchema), r => Assert.Equal("kollektivkart-billing", r.Project));
        Assert.All(requests.Where(r => r.Kind == FakeRequest.TableSchema), r => Assert.Equal(FakeTable.Project, r.Project));
        Assert.Contains(ended.Count == 0 ? "No operating day missing" : $"Fetching {ended.Count} operating days", result.Output);
        Assert.Contains("Nothing new", result.Output);
        var after = TempFolder.Snapshot(pond);
        string[] refreshed = ["stops.parquet", "quays.parquet"];
        Assert.Equal(before.Where(f => !refreshed.Contains(f.Key)), after.Where(f => !refreshed.Contains(f.Key)));
        foreach (var file in refreshed)
        {
            AssertSameRows(file, Path.Combine(demo.ReferencePond, file), Path.Combine(pond, file));
        }
    }

    [Fact]
    public void A_day_that_keeps_failing_leaves_no_partition_and_the_run_names_it_and_the_next_run_resumes()
    {
        var fake = demo.Fake;
        fake.Reset();
        fake.PageRows = 2000;
        var days = demo.Days;
        // Retry-After: 0 keeps the test fast; the bound on attempts is what is checked.
        var failing = fake.Inject(
            r => r.Kind == FakeRequest.Results && r.Day == days[1] && r.Page == 2, 503, times: int.MaxValue, retryAfter: TimeSpan.Zero);
        var pond = _folder.Sub("pond");
        Directory.CreateDirectory(pond);

        var result = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.Equal(1, result.ExitCode);
        var error = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith($"error: operating day {Format(days[1])} was not fetched: ", error);
        Assert.Contains("503 (backendError): Backend error, please try again", error);
        Assert.Contains("gave up after 6 attempts", error);
        Assert.Equal(6, failing.Hits);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.Equal([$"operatingDate={Format(days[0])}"], Partitions(pond, "arrivals.parquet"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(pond, ".staging")));
        Assert.False(Directory.Exists(Path.Combine(pond, "legs.parquet")), "nothing is derived from a failed sync");
        Assert.False(File.Exists(Path.Combine(pond, "stats.db")));
        AssertNoSecrets(result.Output);

        fake.Reset();
        var resumed = EtlProcess.Run(demo.Environment(), "run", pond, "--from-date", demo.FromDate);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Equal(days.Skip(1), FetchedDays(fake.Requests));
        AssertSameRows("arrivals", Path.Combine(demo.SourcePond, RawDatasets[0].Glob), Path.Combine(pond, RawDatasets[0].Glob));
        Assert.Equal(StatsDb(demo.ReferencePond), StatsDb(pond));
    }

    [Theory]
    [InlineData("missing", "which does not exist")]
    [InlineData("not-json", "is not a usable service-account key: it is not JSON")]
    [InlineData("user-credential", "a credential of type 'authorized_user', not a service-account key")]
    [InlineData("no-project", "set BIGQUERY_PROJECT")]
    [InlineData("other-key", "the token endpoint refused the service account")]
    [InlineData("bad-endpoint", "BIGQUERY_ENDPOINT must be a host or an http(s) URL")]
    public void Unusable_credentials_or_settings_are_refused_with_one_line_and_exit_code_2(string problem, string message)
    {
        demo.Fake.Reset();
        using var otherKey = RSA.Create(2048);
        var keyFile = _folder.Sub("key.json");
        var environment = demo.Environment(keyFile);
        switch (problem)
        {
            case "missing":
                break;
            case "not-json":
                File.WriteAllText(keyFile, "this is not a key");
                break;
            case "user-credential":
                File.WriteAllText(keyFile, """{"type": "authorized_user", "client_id": "x", "client_secret": "y", "refresh_token": "z"}""");
                break;
            case "no-project":
                demo.Fake.WriteKeyFile(keyFile, projectId: null);
                break;
            case "other-key":
                demo.Fake.WriteKeyFile(keyFile, key: otherKey);
                break;
            case "bad-endpoint":
                demo.Fake.WriteKeyFile(keyFile);
                environment["BIGQUERY_ENDPOINT"] = "ftp://127.0.0.1";
                break;
        }
        var pond = _folder.Sub("pond");
        Directory.CreateDirectory(pond);

        var result = EtlProcess.Run(environment, "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(result.Output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.StartsWith("error: ", result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("Exception", result.Stderr);
        // Only the run's lock, which stays as the pond's lock file: no data.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(pond), f => !Path.GetFileName(f).StartsWith(Kollektivkart.Data.Pond.LocalPondLock.LockFile, StringComparison.Ordinal));
        AssertNoSecrets(result.Output, otherKey);
    }

    private static readonly (string Dataset, string Glob)[] RawDatasets =
    [
        ("arrivals", Path.Combine("arrivals.parquet", "*", "*.parquet")),
        ("stops", "stops.parquet"),
        ("quays", "quays.parquet"),
    ];

    /// <summary>
    /// The operating days whose arrivals were queried, in order. Days after the demo's last can only
    /// be asked for when a test straddles midnight in Norway; the fake has no rows for them.
    /// </summary>
    private List<DateOnly> FetchedDays(IEnumerable<FakeRequest> requests) => requests
        .Where(r => r.Kind == FakeRequest.Query && r.Table == EnturTables.Arrivals && r.Status == 200 && r.Day <= demo.Days[^1])
        .Select(r => r.Day!.Value)
        .ToList();

    internal static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Same rows, duplicates counted, in both directions; partition columns included.</summary>
    internal static void AssertSameRows(string dataset, string expected, string actual)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        const string Read = "read_parquet({0}, hive_partitioning = true)";
        var a = string.Format(CultureInfo.InvariantCulture, Read, "$expected");
        var b = string.Format(CultureInfo.InvariantCulture, Read, "$actual");
        var files = new[] { ("expected", (object?)expected), ("actual", actual) };
        var rows = connection.Scalar<long>($"SELECT count(*) FROM {a}", files[0]);
        Assert.True(rows > 0, dataset + " is empty");
        Assert.Equal(rows, connection.Scalar<long>($"SELECT count(*) FROM {b}", files[1]));
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})", files));
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM (FROM {b} EXCEPT ALL FROM {a})", files));
    }

    /// <summary>Every table of a pond's stats.db as sorted text rows.</summary>
    internal static string StatsDb(string pond)
    {
        using var connection = DuckDbConnections.Open(Path.Combine(pond, "stats.db"), readOnly: true);
        var tables = new List<string>();
        using (var names = connection.Query("SELECT table_name FROM duckdb_tables() ORDER BY table_name"))
        {
            while (names.Read())
            {
                tables.Add(names.GetString(0));
            }
        }
        Assert.NotEmpty(tables);
        // Table names come from the database itself, not from input.
        return string.Join('\n', tables.Select(table => table + ":\n" + Rows(connection, $"SELECT * FROM \"{table}\" ORDER BY ALL")));
    }

    internal static string DerivedRows(string pond)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        return string.Join('\n', Derived.Select(dataset => dataset + ":\n" + Rows(connection,
            "SELECT * FROM read_parquet($files, hive_partitioning = true) ORDER BY ALL", ("files", Path.Combine(pond, dataset, "*", "*.parquet")))));
    }

    private static string Rows(DuckDB.NET.Data.DuckDBConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var reader = connection.Query(sql, parameters);
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return string.Join('\n', rows);
    }

    internal static List<string> Partitions(string pond, string dataset)
    {
        var folder = Path.Combine(pond, dataset);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private void AssertNoSecrets(string output, RSA? otherKey = null)
    {
        Assert.DoesNotContain("PRIVATE KEY", output);
        foreach (var key in new[] { demo.Fake.AcceptedKey, otherKey }.OfType<RSA>())
        {
            var lines = key.ExportPkcs8PrivateKeyPem().Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
            Assert.All(lines, line => Assert.DoesNotContain(line, output));
        }
        Assert.All(demo.Fake.IssuedTokens, token => Assert.DoesNotContain(token, output));
    }
}
