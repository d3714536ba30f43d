using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.BigQuery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>One call the fake received: which endpoint, for which table, operating day and page, and what it answered.</summary>
public sealed record FakeRequest(string Kind, string Project, string? Table, DateOnly? Day, int? Page)
{
    public const string Query = "jobs.query";
    public const string Results = "jobs.getQueryResults";
    public const string TableSchema = "tables.get";
    public const string Token = "token";

    public int Status { get; init; }
}

/// <summary>An error the fake answers with, for the calls <see cref="When"/> matches, <see cref="Times"/> times.</summary>
public sealed class Fault(Func<FakeRequest, bool> when, int status, string reason, string? message, int times, TimeSpan? retryAfter, TimeSpan delay)
{
    private int _hits;

    public Func<FakeRequest, bool> When { get; } = when;

    /// <summary>0 answers normally after <see cref="Delay"/> (a slow server).</summary>
    public int Status { get; } = status;

    public string Reason { get; } = reason;

    public string Message { get; } = message ?? (status == 429
        ? "Exceeded rate limits: too many api requests per user per method for this user_method"
        : "Backend error, please try again.");

    public int Times { get; } = times;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public TimeSpan Delay { get; } = delay;

    public int Hits => _hits;

    internal bool TryHit(FakeRequest request)
    {
        if (!When(request))
        {
            return false;
        }
        if (Interlocked.Increment(ref _hits) <= Times)
        {
            return true;
        }
        Interlocked.Decrement(ref _hits);
        return false;
    }
}

/// <summary>
/// A BigQuery REST server on 127.0.0.1 speaking the calls the job uses: an OAuth2 token endpoint
/// for service-account JWTs, jobs.query and jobs.getQueryResults with jobs that are not complete at
/// first, paging by pageToken, rows as <c>{"f":[{"v":...}]}</c> typed by a schema, and injectable
/// errors. It checks what the real service would: the bearer token, the job's location, named
/// parameters and their types, the partition filter of the arrivals table, the selected columns.
/// </summary>
public sealed class FakeBigQuery : IAsyncDisposable
{
    public const string Location = "EU";
    public const string Scope = "https://www.googleapis.com/auth/bigquery.readonly";
    public const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";
    public const int DefaultPageRows = 500;

    private static readonly Regex FromTable = new(@"\bFROM\s+`([^`]+)`", RegexOptions.IgnoreCase | RegexOptions.Singleline);
    private static readonly Regex SelectList = new(@"^\s*SELECT\s+(.*?)\s+FROM\s", RegexOptions.IgnoreCase | RegexOptions.Singleline);

    private readonly WebApplication _app;
    private readonly Dictionary<string, FakeTable> _served;
    private readonly ConcurrentDictionary<string, FakeTable> _tables;
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly ConcurrentDictionary<string, string> _jobByRequestId = new();
    private readonly ConcurrentDictionary<string, byte> _tokens = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<Fault> _faults = new();

    private FakeBigQuery(WebApplication app, IEnumerable<FakeTable> tables)
    {
        _app = app;
        _served = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _tables = new(_served, StringComparer.OrdinalIgnoreCase);
    }

    public string BaseUrl { get; private set; } = "";

    public string TokenUrl => BaseUrl + "/token";

    /// <summary>The service account's key; a key file signed with another key is refused at the token endpoint.</summary>
    public RSA AcceptedKey { get; } = RSA.Create(2048);

    /// <summary>The most rows a page holds, whatever maxResults asks for (BigQuery caps pages at 10 MB).</summary>
    public int PageRows { get; set; } = DefaultPageRows;

    /// <summary>Which queries answer jobs.query with <c>jobComplete: false</c> (the rest come complete with their first page).</summary>
    public Func<string, bool> IncompleteAtFirst { get; set; } = _ => true;

    public IReadOnlyCollection<string> IssuedTokens => _tokens.Keys.ToList();

    public IReadOnlyList<FakeRequest> Requests => _requests.ToList();

    public static async Task<FakeBigQuery> StartAsync(IEnumerable<FakeTable> tables)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBigQuery(app, tables);
        app.MapPost("/token", fake.TokenAsync);
        app.MapPost("/bigquery/v2/projects/{project}/queries", fake.QueryAsync);
        app.MapGet("/bigquery/v2/projects/{project}/queries/{jobId}", fake.GetQueryResultsAsync);
        app.MapGet("/bigquery/v2/projects/{project}/datasets/{dataset}/tables/{table}", fake.GetTableAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    public Fault Inject(
        Func<FakeRequest, bool> when, int status, string reason = "backendError", int times = 1,
        TimeSpan? retryAfter = null, TimeSpan? delay = null, string? message = null)
    {
        var fault = new Fault(when, status, reason, message, times, retryAfter, delay ?? TimeSpan.Zero);
        _faults.Enqueue(fault);
        return fault;
    }

    /// <summary>Serves <paramref name="table"/> instead of the table of its name, as a table Entur changed would be; until <see cref="Reset"/>.</summary>
    public void Serve(FakeTable table) => _tables[table.Name] = table;

    public void Reset()
    {
        foreach (var (name, table) in _served)
        {
            _tables[name] = table;
        }
        _faults.Clear();
        _requests.Clear();
        IncompleteAtFirst = _ => true;
        PageRows = DefaultPageRows;
    }

    /// <summary>Makes every token issued so far invalid, as a revoked key would.</summary>
    public void RevokeTokens() => _tokens.Clear();

    /// <summary>Writes a service-account key file in Google's format, signed by <paramref name="key"/> (default: the accepted one).</summary>
    public string WriteKeyFile(string path, string? projectId = "kollektivkart-test", RSA? key = null, string type = "service_account")
    {
        var json = new JsonObject
        {
            ["type"] = type,
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = (key ?? AcceptedKey).ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = "kollektivkart-etl@kollektivkart-test.iam.gserviceaccount.com",
            ["client_id"] = "123456789012345678901",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = TokenUrl,
            ["universe_domain"] = "googleapis.com",
        };
        if (projectId is not null)
        {
            json["project_id"] = projectId;
        }
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>A client of this server, as the job builds one, with a key file written to <paramref name="keyFile"/>.</summary>
    public BigQueryClient Client(string keyFile)
    {
        var options = new BigQueryOptions(WriteKeyFile(keyFile), null, BigQueryOptions.ParseEndpoint(BaseUrl));
        return new BigQueryClient(ServiceAccount.Load(options), options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        AcceptedKey.Dispose();
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var request = new FakeRequest(FakeRequest.Token, "", null, null, null);
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            await TokenErrorAsync(context, request, "unsupported_grant_type", "Invalid grant_type");
            return;
        }
        var parts = form["assertion"].ToString().Split('.');
        if (parts.Length != 3 || !AcceptedKey.VerifyData(
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            await TokenErrorAsync(context, request, "invalid_grant", "Invalid JWT Signature.");
            return;
        }
        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        var root = claims.RootElement;
        var scope = root.TryGetProperty("scope", out var s) ? s.GetString() ?? "" : "";
        if (!scope.Split(' ').Contains(Scope))
        {
            await TokenErrorAsync(context, request, "invalid_scope", $"The JWT asks for scope '{scope}'.");
            return;
        }
        // Google's libraries sign for Google's token audience whatever the key file's token_uri says.
        if (!root.TryGetProperty("aud", out var audience) || audience.GetString() != GoogleTokenAudience
            || !root.TryGetProperty("exp", out var expires) || expires.GetInt64() < DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            await TokenErrorAsync(context, request, "invalid_grant", "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.");
            return;
        }
        if (await FaultAsync(context, request))
        {
            return;
        }
        var token = "ya29.fake-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _tokens[token] = 0;
        Log(request, 200);
        await context.Response.WriteAsJsonAsync(new { access_token = token, expires_in = 3600, token_type = "Bearer" });
    }

    private async Task QueryAsync(HttpContext context, string project)
    {
        if (!await AuthorizedAsync(context, new FakeRequest(FakeRequest.Query, project, null, null, null)))
        {
            return;
        }
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        var sql = root.GetProperty("query").GetString() ?? "";
        var request = new FakeRequest(FakeRequest.Query, project, null, null, null);
        if (!(root.TryGetProperty("useLegacySql", out var legacy) && legacy.ValueKind == JsonValueKind.False))
        {
            await ErrorAsync(context, request, 400, "invalidQuery", "Query text specifies use_legacy_sql:false, while API options specify:true");
            return;
        }
        if (!(root.TryGetProperty("formatOptions", out var format) && format.TryGetProperty("useInt64Timestamp", out var int64)
              && int64.ValueKind == JsonValueKind.True))
        {
            await ErrorAsync(context, request, 400, "invalid", "The fake serves timestamps only as formatOptions.useInt64Timestamp=true.");
            return;
        }
        if (FromTable.Match(sql) is not { Success: true } from || !_tables.TryGetValue(from.Groups[1].Value, out var table))
        {
            await ErrorAsync(context, request, 404, "notFound", $"Not found: Table {FromTable.Match(sql).Groups[1].Value} was not found in location {Location}");
            return;
        }
        request = request with { Table = table.Name };
        var (columns, columnError) = SelectedColumns(sql, table);
        if (columnError is not null)
        {
            await ErrorAsync(context, request, 400, "invalidQuery", columnError);
            return;
        }
        DateOnly? day = null;
        if (table.PartitionColumn is { } partition)
        {
            var (value, error) = PartitionDay(sql, root, partition, table.Name);
            if (error is not null)
            {
                await ErrorAsync(context, request, 400, "invalidQuery", error);
                return;
            }
            day = value;
        }
        request = request with { Day = day };
        var firstPageRows = root.TryGetProperty("maxResults", out var max) ? max.GetInt32() : int.MaxValue;
        var incomplete = IncompleteAtFirst(table.Name);
        if (await FaultAsync(context, request with { Page = incomplete ? null : 0 }))
        {
            return;
        }
        var requestId = root.TryGetProperty("requestId", out var id) ? id.GetString() : null;
        var jobId = requestId is not null && _jobByRequestId.TryGetValue(requestId, out var earlier) ? earlier : null;
        if (jobId is null)
        {
            List<string> rows;
            try
            {
                rows = ReadRows(table, columns, day);
            }
            catch (DuckDB.NET.Data.DuckDBException e)
            {
                // A broken fake table shows up as the failing test's message, not as retried 500s.
                await ErrorAsync(context, request, 400, "invalidQuery", "the fake could not read its table: " + e.Message);
                return;
            }
            var job = new Job("job_" + Guid.NewGuid().ToString("N"), project, table, day, columns, rows);
            _jobs[job.Id] = job;
            jobId = job.Id;
            if (requestId is not null)
            {
                _jobByRequestId[requestId] = jobId;
            }
        }
        var created = _jobs[jobId];
        if (incomplete)
        {
            Log(request, 200);
            await WriteJsonAsync(context, $$"""{"kind":"bigquery#queryResponse","jobReference":{{JobReference(created)}},"jobComplete":false}""");
            return;
        }
        Log(request with { Page = 0 }, 200);
        await WritePageAsync(context, "bigquery#queryResponse", created, 0, firstPageRows);
    }

    /// <summary>tables.get: the table resource with its schema (what the BASIC view returns, without storage statistics).</summary>
    private async Task GetTableAsync(HttpContext context, string project, string dataset, string table)
    {
        var request = new FakeRequest(FakeRequest.TableSchema, project, $"{project}.{dataset}.{table}", null, null);
        if (!await AuthorizedAsync(context, request))
        {
            return;
        }
        if (!_tables.TryGetValue(request.Table!, out var served))
        {
            await ErrorAsync(context, request, 404, "notFound", $"Not found: Table {project}:{dataset}.{table}");
            return;
        }
        request = request with { Table = served.Name };
        if (await FaultAsync(context, request))
        {
            return;
        }
        Log(request, 200);
        await WriteJsonAsync(context, $$"""{"kind":"bigquery#table","id":"{{project}}:{{dataset}}.{{table}}","tableReference":{"projectId":"{{project}}","datasetId":"{{dataset}}","tableId":"{{table}}"},"schema":{{FakeTable.SchemaJson(served.Columns)}},"type":"TABLE","location":"{{Location}}"}""");
    }

    private async Task GetQueryResultsAsync(HttpContext context, string project, string jobId)
    {
        var request = new FakeRequest(FakeRequest.Results, project, null, null, null);
        if (!await AuthorizedAsync(context, request))
        {
            return;
        }
        var query = context.Request.Query;
        if (!_jobs.TryGetValue(jobId, out var job) || job.Project != project || query["location"] != Location)
        {
            // Like BigQuery: a job asked for in the wrong location is not found.
            await ErrorAsync(context, request, 404, "notFound", $"Not found: Job {project}:{jobId}");
            return;
        }
        if (query["formatOptions.useInt64Timestamp"] != "true")
        {
            await ErrorAsync(context, request, 400, "invalid", "The fake serves timestamps only as formatOptions.useInt64Timestamp=true.");
            return;
        }
        var pageToken = query["pageToken"].ToString();
        var offset = string.IsNullOrEmpty(pageToken) ? 0 : int.Parse(pageToken.AsSpan("rows-".Length), CultureInfo.InvariantCulture);
        var maxResults = int.TryParse(query["maxResults"], CultureInfo.InvariantCulture, out var m) ? m : int.MaxValue;
        request = request with { Table = job.Table.Name, Day = job.Day, Page = offset / Math.Max(1, Math.Min(maxResults, PageRows)) };
        if (await FaultAsync(context, request))
        {
            return;
        }
        Log(request, 200);
        await WritePageAsync(context, "bigquery#getQueryResultsResponse", job, offset, maxResults);
    }

    private async Task WritePageAsync(HttpContext context, string kind, Job job, int offset, int maxResults)
    {
        var count = Math.Max(0, Math.Min(Math.Min(maxResults, PageRows), job.Rows.Count - offset));
        var text = new StringBuilder(count * 600 + 2048);
        text.Append($$"""{"kind":"{{kind}}","etag":"fake","schema":{{FakeTable.SchemaJson(job.Columns)}},"jobReference":{{JobReference(job)}},"totalRows":"{{job.Rows.Count}}",""");
        if (offset + count < job.Rows.Count)
        {
            text.Append($"\"pageToken\":\"rows-{offset + count}\",");
        }
        if (count > 0)
        {
            text.Append("\"rows\":[");
            for (var i = offset; i < offset + count; i++)
            {
                text.Append(i > offset ? "," : "").Append(job.Rows[i]);
            }
            text.Append("],");
        }
        text.Append("\"totalBytesProcessed\":\"0\",\"jobComplete\":true,\"cacheHit\":false}");
        await WriteJsonAsync(context, text.ToString());
    }

    private static string JobReference(Job job) =>
        $$"""{"projectId":"{{job.Project}}","jobId":"{{job.Id}}","location":"{{Location}}"}""";

    private static (IReadOnlyList<FakeColumn> Columns, string? Error) SelectedColumns(string sql, FakeTable table)
    {
        var list = SelectList.Match(sql);
        if (!list.Success)
        {
            return ([], "The fake understands only SELECT column, ... FROM `table`");
        }
        var names = list.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Trim('`'))
            .ToArray();
        if (names is ["*"])
        {
            return (table.Columns, null);
        }
        var columns = new List<FakeColumn>();
        foreach (var name in names)
        {
            var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                return ([], $"Unrecognized name: {name}");
            }
            columns.Add(column);
        }
        return (columns, null);
    }

    /// <summary>Entur's arrivals table requires a filter on its partition column, here a named DATE parameter.</summary>
    private static (DateOnly? Day, string? Error) PartitionDay(string sql, JsonElement body, string column, string table)
    {
        var filter = Regex.Match(sql, $@"\bWHERE\s+{column}\s*=\s*@(\w+)\s*$", RegexOptions.IgnoreCase);
        if (!filter.Success)
        {
            return (null, $"Cannot query over table '{table}' without a filter over column(s) '{column}' that can be used for partition elimination");
        }
        var name = filter.Groups[1].Value;
        if (!(body.TryGetProperty("parameterMode", out var mode) && mode.GetString() == "NAMED"))
        {
            return (null, "Query has named parameters but parameterMode is not NAMED");
        }
        var parameter = body.TryGetProperty("queryParameters", out var parameters)
            ? parameters.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == name)
            : default;
        if (parameter.ValueKind != JsonValueKind.Object)
        {
            return (null, $"Query parameter '{name}' not found at [1:1]");
        }
        var type = parameter.GetProperty("parameterType").GetProperty("type").GetString();
        var value = parameter.GetProperty("parameterValue").GetProperty("value").GetString();
        if (type != "DATE" || !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, $"No matching signature for operator = for argument types: DATE, {type} (value '{value}')");
        }
        return (day, null);
    }

    private static List<string> ReadRows(FakeTable table, IReadOnlyList<FakeColumn> columns, DateOnly? day)
    {
        using var connection = DuckDbConnections.OpenInMemory(new DuckDbSettings(Threads: 1));
        var parameters = new List<(string, object?)>();
        if (table.Path is not null)
        {
            parameters.Add(("path", table.Path));
        }
        if (table.PartitionColumn is not null)
        {
            parameters.Add(("operating_date", day));
        }
        using var reader = connection.Query(table.RowJsonSql(columns), [.. parameters]);
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    private async Task<bool> AuthorizedAsync(HttpContext context, FakeRequest request)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(header["Bearer ".Length..]))
        {
            return true;
        }
        await ErrorAsync(context, request, 401, "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        return false;
    }

    private async Task<bool> FaultAsync(HttpContext context, FakeRequest request)
    {
        foreach (var fault in _faults)
        {
            if (!fault.TryHit(request))
            {
                continue;
            }
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            if (fault.Status == 0)
            {
                return false;
            }
            if (fault.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            await ErrorAsync(context, request, fault.Status, fault.Reason, fault.Message);
            return true;
        }
        return false;
    }

    private async Task ErrorAsync(HttpContext context, FakeRequest request, int status, string reason, string message)
    {
        Log(request, status);
        context.Response.StatusCode = status;
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
                ["status"] = status switch { 400 => "INVALID_ARGUMENT", 401 => "UNAUTHENTICATED", 404 => "NOT_FOUND", 429 => "RESOURCE_EXHAUSTED", _ => "INTERNAL" },
            },
        };
        await WriteJsonAsync(context, error.ToJsonString());
    }

    private async Task TokenErrorAsync(HttpContext context, FakeRequest request, string error, string description)
    {
        Log(request, 400);
        context.Response.StatusCode = 400;
        await context.Response.WriteAsJsonAsync(new { error, error_description = description });
    }

    private static async Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(json);
    }

    private void Log(FakeRequest request, int status) => _requests.Enqueue(request with { Status = status });

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private sealed record Job(string Id, string Project, FakeTable Table, DateOnly? Day, IReadOnlyList<FakeColumn> Columns, List<string> Rows);
}
