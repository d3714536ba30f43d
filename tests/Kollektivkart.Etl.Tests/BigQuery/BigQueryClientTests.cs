using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.BigQuery;
using Kollektivkart.Etl.Cli;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>The REST protocol in-process against the fake: typed decoding, paging, polling, retries and their bounds.</summary>
public sealed class BigQueryClientTests : IAsyncLifetime
{
    private const string TypesTable = "test-project.samples.every_type";
    private const string NumbersTable = "test-project.samples.numbers";

    // Every type the three Entur tables use, with nulls, escapes, NaN, pre-1970 and microsecond timestamps.
    private const string TypesSql = """
        SELECT * FROM (VALUES
            (1, 'plain', 42::BIGINT, 1.5::DOUBLE, true, DATE '2025-03-30', TIMESTAMPTZ '2025-03-30 01:02:03.456789+00',
             {'fromDate': TIMESTAMPTZ '2024-01-01 00:00:00+00', 'toDate': NULL::TIMESTAMPTZ},
             [{'lang': 'nor', 'nameType': 'alias', 'name': 'Jernbanetorget "JBT"'}, {'lang': NULL, 'nameType': 'translation', 'name': 'Oslo S'}],
             ['RUT:TariffZone:1', 'RUT:TariffZone:2']),
            (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, [], []),
            (3, E'æøå\n\t\\ "quoted" é', -9223372036854775808, 'NaN'::DOUBLE, false, DATE '1969-12-31',
             TIMESTAMPTZ '1969-12-31 23:59:59.999999+00',
             {'fromDate': NULL::TIMESTAMPTZ, 'toDate': TIMESTAMPTZ '2099-12-31 23:59:59+00'}, [], ['only']),
            (4, '', 9223372036854775807, -1.7976931348623157e308, NULL, DATE '0001-01-01', TIMESTAMPTZ '2262-04-11 23:47:16+00',
             NULL, [{'lang': 'eng', 'nameType': NULL, 'name': ''}], []),
            (5, '60.123456789012345', 0, 5e-324, true, DATE '9999-12-31', TIMESTAMPTZ '1900-01-01 00:00:00+00',
             {'fromDate': TIMESTAMPTZ '2025-01-01 12:00:00.000001+00', 'toDate': NULL::TIMESTAMPTZ}, [], [])
        ) AS t(n, s, i, f, b, d, ts, rec, names, refs)
        """;

    private const string TargetColumns = """
        n BIGINT, s VARCHAR, i BIGINT, f DOUBLE, b BOOLEAN, d DATE, ts TIMESTAMPTZ,
        rec STRUCT(fromDate TIMESTAMPTZ, toDate TIMESTAMPTZ),
        names STRUCT(lang VARCHAR, nameType VARCHAR, name VARCHAR)[],
        refs VARCHAR[]
        """;

    private readonly TempFolder _folder = new();
    private FakeBigQuery _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBigQuery.StartAsync(
        [
            new FakeTable(TypesTable,
            [
                new("n", "INTEGER"), new("s", "STRING"), new("i", "INTEGER"), new("f", "FLOAT"), new("b", "BOOLEAN"),
                new("d", "DATE"), new("ts", "TIMESTAMP"),
                FakeColumn.Record("rec", "NULLABLE", new("fromDate", "TIMESTAMP"), new("toDate", "TIMESTAMP")),
                FakeColumn.Record("names", "REPEATED", new("lang", "STRING"), new("nameType", "STRING"), new("name", "STRING")),
                new("refs", "STRING", "REPEATED"),
            ], $"({TypesSql})"),
            new FakeTable(NumbersTable, [new("n", "INTEGER"), new("label", "STRING")],
                "(SELECT range AS n, 'row ' || range AS label FROM range(1234))"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_column_type_is_decoded_into_its_duckdb_type_nested_records_and_lists_included()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute($"CREATE TABLE target ({TargetColumns})");
        using var client = Client();

        using (var appender = new TableAppender(connection, "target"))
        {
            await client.QueryAsync($"SELECT n, s, i, f, b, d, ts, rec, names, refs FROM `{TypesTable}`", [], appender.Append, default);
            appender.EndBatch();
        }

        connection.Execute($"CREATE TABLE expected ({TargetColumns}); INSERT INTO expected {TypesSql}");
        Assert.Equal(5, connection.Scalar<long>("SELECT count(*) FROM target"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM (FROM expected EXCEPT ALL FROM target)"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM (FROM target EXCEPT ALL FROM expected)"));
        Assert.True(connection.Scalar<bool>("SELECT isnan(f) FROM target WHERE n = 3"));
        Assert.Equal("Jernbanetorget \"JBT\"", connection.Scalar<string>("SELECT names[1].name FROM target WHERE n = 1"));
        Assert.Equal(0, connection.Scalar<long>("SELECT len(names) FROM target WHERE n = 2"));
    }

    [Fact]
    public async Task Columns_are_matched_by_name_whatever_order_the_query_selects_them_in()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("CREATE TABLE target (label VARCHAR, n BIGINT)");
        using var client = Client();

        using (var appender = new TableAppender(connection, "target"))
        {
            await client.QueryAsync($"SELECT n, label FROM `{NumbersTable}`", [], appender.Append, default);
            appender.EndBatch();
        }

        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM target WHERE label <> 'row ' || n"));
    }

    [Fact]
    public async Task An_incomplete_job_is_polled_and_every_page_is_read_in_order()
    {
        _fake.PageRows = 100;
        using var client = Client();
        var seen = new List<long>();
        var pages = 0;

        var rows = await client.QueryAsync($"SELECT n, label FROM `{NumbersTable}`", [], page =>
        {
            pages++;
            foreach (var row in page.Rows.EnumerateArray())
            {
                seen.Add(long.Parse(row.GetProperty("f")[0].GetProperty("v").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }, default);

        Assert.Equal(1234, rows);
        Assert.Equal(Enumerable.Range(0, 1234).Select(i => (long)i), seen);
        Assert.Equal(13, pages);
        var calls = _fake.Requests;
        Assert.Equal(1, calls.Count(r => r.Kind == FakeRequest.Query));
        Assert.Equal(13, calls.Count(r => r.Kind == FakeRequest.Results));
    }

    [Fact]
    public async Task A_first_answer_that_is_complete_carries_the_first_page()
    {
        _fake.IncompleteAtFirst = _ => false;
        _fake.PageRows = 1000;
        using var client = Client();

        var rows = await client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default);

        Assert.Equal(1234, rows);
        Assert.Equal(1, _fake.Requests.Count(r => r.Kind == FakeRequest.Results));
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_with_backoff()
    {
        _fake.PageRows = 500;
        var rateLimited = _fake.Inject(r => r.Kind == FakeRequest.Query, 429, "rateLimitExceeded");
        var serverError = _fake.Inject(r => r.Kind == FakeRequest.Results && r.Page == 1, 500);
        var unavailable = _fake.Inject(r => r.Kind == FakeRequest.Results && r.Page == 2, 503, times: 2);
        using var client = Client(Fast);

        var rows = await client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default);

        Assert.Equal(1234, rows);
        Assert.Equal((1, 1, 2), (rateLimited.Hits, serverError.Hits, unavailable.Hits));
        Assert.Equal([429, 200], _fake.Requests.Where(r => r.Kind == FakeRequest.Query).Select(r => r.Status));
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        var slow = _fake.Inject(r => r.Kind == FakeRequest.Results && r.Page == 0, status: 0, delay: TimeSpan.FromSeconds(5));
        using var client = Client(Fast with { RequestTimeout = TimeSpan.FromMilliseconds(700) });

        var rows = await client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default);

        Assert.Equal(1234, rows);
        Assert.Equal(1, slow.Hits);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_failure_names_the_status_and_bigquerys_message()
    {
        _fake.Inject(r => r.Kind == FakeRequest.Results, 503, times: int.MaxValue);
        using var client = Client(Fast);

        var error = await Assert.ThrowsAsync<BigQueryException>(() =>
            client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default));

        Assert.Equal(Fast.Retry.MaxAttempts, _fake.Requests.Count(r => r.Kind == FakeRequest.Results));
        Assert.Contains("503", error.Message);
        Assert.Contains("Backend error, please try again", error.Message);
        Assert.Contains($"gave up after {Fast.Retry.MaxAttempts} attempts", error.Message);
        Assert.All(_fake.IssuedTokens, token => Assert.DoesNotContain(token, error.Message));
    }

    [Fact]
    public async Task A_bad_query_is_not_retried()
    {
        using var client = Client(Fast);

        var error = await Assert.ThrowsAsync<BigQueryException>(() =>
            client.QueryAsync($"SELECT n, nonsense FROM `{NumbersTable}`", [], _ => { }, default));

        Assert.Contains("400 (invalidQuery): Unrecognized name: nonsense", error.Message);
        Assert.Single(_fake.Requests, r => r.Kind == FakeRequest.Query);
    }

    [Fact]
    public async Task A_column_the_derivations_read_that_the_result_lacks_is_named()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("CREATE TABLE target (n BIGINT, missing VARCHAR)");
        using var client = Client();
        using var appender = new TableAppender(connection, "target", read: new HashSet<string> { "missing" });

        var error = await Assert.ThrowsAsync<BigQueryException>(() =>
            client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], appender.Append, default));

        Assert.Equal("BigQuery table target, column missing: expected STRING, arrived missing; read by the derivations and cannot be converted", error.Message);
    }

    [Fact]
    public async Task A_key_the_token_endpoint_refuses_is_a_usage_error_naming_the_account()
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var options = Options(_fake.WriteKeyFile(_folder.Sub("wrong.json"), key: otherKey));
        using var client = new BigQueryClient(ServiceAccount.Load(options), options, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<UsageException>(() =>
            client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default));

        Assert.Contains("refused the service account kollektivkart-etl@", error.Message);
        Assert.Contains("invalid_grant", error.Message);
    }

    [Fact]
    public async Task Requests_carry_the_bearer_token_and_a_refused_one_is_a_usage_error()
    {
        using var client = Client(Fast);
        await client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default);
        _fake.RevokeTokens();

        var error = await Assert.ThrowsAsync<UsageException>(() =>
            client.QueryAsync($"SELECT n FROM `{NumbersTable}`", [], _ => { }, default));

        Assert.Contains("BigQuery refused jobs.query for kollektivkart-etl@", error.Message);
        Assert.Contains("401", error.Message);
        Assert.Equal(401, _fake.Requests.Last().Status);
    }

    [Theory]
    [InlineData("bigquery.googleapis.com", "https://bigquery.googleapis.com/")]
    [InlineData("http://127.0.0.1:9050", "http://127.0.0.1:9050/")]
    [InlineData("https://proxy.example/bq/", "https://proxy.example/bq/")]
    public void An_endpoint_is_a_host_or_a_url_with_its_scheme(string value, string expected) =>
        Assert.Equal(expected, BigQueryOptions.ParseEndpoint(value).AbsoluteUri);

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("http://")]
    [InlineData("https://bigquery.googleapis.com/?x=1")]
    public void A_bad_endpoint_is_refused(string value) =>
        Assert.Contains(BigQueryOptions.EndpointVariable, Assert.Throws<UsageException>(() => BigQueryOptions.ParseEndpoint(value)).Message);

    [Fact]
    public void Backoff_doubles_from_the_base_delay_within_jitter_and_a_retry_after_wins()
    {
        var policy = RetryPolicy.Default;
        for (var retry = 1; retry <= policy.MaxRetries; retry++)
        {
            var expected = policy.BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
            Assert.InRange(policy.Delay(retry).TotalMilliseconds, expected * 0.8, expected * 1.2);
        }
        Assert.True(policy.Delay(20) <= policy.MaxDelay * 1.2);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.Delay(4, retryAfter: TimeSpan.FromSeconds(3)));
    }

    private static readonly BigQueryOptions Fast = new("unused", null, new Uri("http://127.0.0.1/"))
    {
        Retry = new RetryPolicy(5, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)),
    };

    private BigQueryOptions Options(string keyFile) => new(keyFile, null, BigQueryOptions.ParseEndpoint(_fake.BaseUrl));

    private BigQueryClient Client(BigQueryOptions? tuning = null)
    {
        var options = Options(_fake.WriteKeyFile(_folder.Sub("key.json")));
        if (tuning is not null)
        {
            options = options with { Retry = tuning.Retry, RequestTimeout = tuning.RequestTimeout };
        }
        return new BigQueryClient(ServiceAccount.Load(options), options, NullLogger.Instance);
    }
}
