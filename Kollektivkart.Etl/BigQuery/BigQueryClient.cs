using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Apis.Auth.OAuth2.Responses;
using Kollektivkart.Etl.Cli;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>A named query parameter, e.g. <c>@operating_date</c> of type DATE.</summary>
public sealed record QueryParameter(string Name, string Type, string Value);

/// <summary>
/// BigQuery's REST API v2, the two calls a read needs: jobs.query starts the query (and may return
/// the first page), jobs.getQueryResults polls until the job is complete and then pages through
/// the rows. The next page is requested while the caller consumes the current one, so at most two
/// pages are in memory. Every call is retried on transient failures (<see cref="RetryPolicy"/>).
/// </summary>
public sealed class BigQueryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ServiceAccount _account;
    private readonly BigQueryOptions _options;
    private readonly ILogger _logger;

    public BigQueryClient(ServiceAccount account, BigQueryOptions options, ILogger logger)
    {
        _account = account;
        _options = options;
        _logger = logger;
        // Timeouts are per attempt (send and body), set in SendAsync; gzip shrinks the JSON pages several times.
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("kollektivkart-etl");
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (standard SQL) and hands each page of rows to <paramref name="onPage"/>,
    /// in order. Returns the number of rows. Throws <see cref="BigQueryException"/> when BigQuery fails for good.
    /// </summary>
    public async Task<long> QueryAsync(
        string sql, IReadOnlyList<QueryParameter> parameters, Action<ResultPage> onPage, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var body = QueryRequestBody(sql, parameters);
        var document = await SendAsync("jobs.query", () => new HttpRequestMessage(HttpMethod.Post, QueriesUri())
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        }, cancellationToken);

        (string Id, string? Location)? job = null;
        IReadOnlyList<BigQueryField>? schema = null;
        long rows = 0;
        var polls = 0;
        while (true)
        {
            Task<JsonDocument>? next = null;
            using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                var root = document.RootElement;
                job ??= JobReference(root);
                if (!(root.TryGetProperty("jobComplete", out var complete) && complete.ValueKind == JsonValueKind.True))
                {
                    if (started.Elapsed > _options.QueryTimeout)
                    {
                        throw new BigQueryException($"the query did not complete within {_options.QueryTimeout.TotalMinutes:F0} minutes");
                    }
                    // BigQuery holds each poll open up to timeoutMs; the pause only matters if it answers early.
                    if (polls++ > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * polls, 1000)), cancellationToken);
                    }
                    next = GetResultsAsync(Required(job), pageToken: null, prefetch.Token);
                }
                else
                {
                    if (root.TryGetProperty("schema", out var schemaElement))
                    {
                        schema = BigQueryField.ParseAll(schemaElement);
                    }
                    var pageToken = root.TryGetProperty("pageToken", out var token) ? token.GetString() : null;
                    if (!string.IsNullOrEmpty(pageToken))
                    {
                        next = GetResultsAsync(Required(job), pageToken, prefetch.Token);
                    }
                    if (root.TryGetProperty("rows", out var pageRows) && pageRows.ValueKind == JsonValueKind.Array && pageRows.GetArrayLength() > 0)
                    {
                        var count = pageRows.GetArrayLength();
                        onPage(new ResultPage(
                            schema ?? throw new BigQueryException("BigQuery sent rows without a schema"), pageRows, count));
                        rows += count;
                    }
                }
            }
            catch
            {
                await AbandonAsync(next, prefetch);
                throw;
            }
            finally
            {
                document.Dispose();
            }
            if (next is null)
            {
                return rows;
            }
            document = await next;
        }
    }

    /// <summary>
    /// The schema of <paramref name="table"/> (<c>project.dataset.table</c>) by tables.get: metadata only,
    /// nothing scanned or billed, so the columns to select are known before a query runs.
    /// </summary>
    public async Task<IReadOnlyList<BigQueryField>> GetTableSchemaAsync(string table, CancellationToken cancellationToken)
    {
        var parts = table.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"{table} is not project.dataset.table", nameof(table));
        }
        var uri = new Uri(_options.Endpoint,
            $"bigquery/v2/projects/{Uri.EscapeDataString(parts[0])}/datasets/{Uri.EscapeDataString(parts[1])}/tables/{Uri.EscapeDataString(parts[2])}?view=BASIC");
        using var document = await SendAsync("tables.get", () => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        return document.RootElement.TryGetProperty("schema", out var schema)
            ? BigQueryField.ParseAll(schema)
            : throw new BigQueryException($"tables.get: BigQuery's answer for {table} has no schema");
    }

    public void Dispose() => _http.Dispose();

    private Task<JsonDocument> GetResultsAsync((string Id, string? Location) job, string? pageToken, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("?formatOptions.useInt64Timestamp=true");
        Append(query, "maxResults", _options.PageRows.ToString(CultureInfo.InvariantCulture));
        Append(query, "timeoutMs", ((long)_options.ServerWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        Append(query, "location", job.Location);
        Append(query, "pageToken", pageToken);
        var uri = new Uri(QueriesUri() + "/" + Uri.EscapeDataString(job.Id) + query);
        return SendAsync("jobs.getQueryResults", () => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);

        static void Append(StringBuilder query, string name, string? value)
        {
            if (value is not null)
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
    }

    private string QueriesUri() =>
        new Uri(_options.Endpoint, $"bigquery/v2/projects/{Uri.EscapeDataString(_account.Project)}/queries").AbsoluteUri;

    private byte[] QueryRequestBody(string sql, IReadOnlyList<QueryParameter> parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("query", sql);
            json.WriteBoolean("useLegacySql", false);
            json.WriteString("parameterMode", "NAMED");
            json.WriteStartArray("queryParameters");
            foreach (var parameter in parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteStartObject("parameterType");
                json.WriteString("type", parameter.Type);
                json.WriteEndObject();
                json.WriteStartObject("parameterValue");
                json.WriteString("value", parameter.Value);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("formatOptions");
            json.WriteBoolean("useInt64Timestamp", true);
            json.WriteEndObject();
            json.WriteNumber("maxResults", _options.PageRows);
            json.WriteNumber("timeoutMs", (long)_options.ServerWait.TotalMilliseconds);
            // The same requestId on a retried POST returns the job already started instead of a second one.
            json.WriteString("requestId", Guid.NewGuid().ToString());
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The job to poll and page through; a complete answer with all its rows may have none.</summary>
    private static (string Id, string? Location)? JobReference(JsonElement root) =>
        root.TryGetProperty("jobReference", out var reference) && reference.TryGetProperty("jobId", out var id) && id.GetString() is { Length: > 0 } jobId
            ? (jobId, reference.TryGetProperty("location", out var location) ? location.GetString() : null)
            : null;

    private static (string Id, string? Location) Required((string Id, string? Location)? job) =>
        job ?? throw new BigQueryException("BigQuery's answer names no job to read further (jobReference.jobId missing)");

    /// <summary>One call with retries; the answer is parsed whole (one page, a few MB at most).</summary>
    private async Task<JsonDocument> SendAsync(string what, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var retry = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            Failure failure;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.RequestTimeout);
            try
            {
                var accessToken = await _account.Tokens.GetAccessTokenForRequestAsync(cancellationToken: attemptTimeout.Token);
                using var message = request();
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(attemptTimeout.Token);
                    return await JsonDocument.ParseAsync(stream, cancellationToken: attemptTimeout.Token);
                }
                failure = await ReadFailureAsync(response, attemptTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new Failure($"no complete answer within {_options.RequestTimeout.TotalSeconds:F0} s (timeout)", null, null, true, null);
            }
            catch (HttpRequestException e)
            {
                failure = new Failure(e.Message.TrimEnd('.'), null, null, true, null);
            }
            catch (JsonException)
            {
                failure = new Failure("the answer was not valid JSON", null, null, true, null);
            }
            catch (TokenResponseException e)
            {
                var status = e.StatusCode;
                var transient = status is null || (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
                var detail = $"{e.Error?.Error}{(string.IsNullOrEmpty(e.Error?.ErrorDescription) ? "" : ": " + e.Error.ErrorDescription)}";
                if (!transient)
                {
                    throw new UsageException(
                        $"the token endpoint refused the service account {_account.Email} ({(int?)status} {detail}); check {BigQueryOptions.CredentialsVariable}.");
                }
                failure = new Failure($"the token endpoint answered {(int?)status} {detail}", status, null, true, null);
            }

            if (failure.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && !failure.Transient)
            {
                throw new UsageException(
                    $"BigQuery refused {what} for {_account.Email} in project {_account.Project}: {failure.Summary}. " +
                    $"Check the service account's roles and {BigQueryOptions.ProjectVariable}.");
            }
            if (!failure.Transient || attempt >= retry.MaxAttempts)
            {
                var gaveUp = attempt > 1 ? $" (gave up after {attempt} attempts)" : "";
                throw new BigQueryException($"{what}: {failure.Summary}{gaveUp}", failure.Status, failure.Reason);
            }
            var delay = retry.Delay(attempt, failure.RetryAfter);
            _logger.LogWarning(
                "BigQuery {Call}: {Failure}; retry {Retry} of {MaxRetries} in {DelaySeconds:F1} s",
                what, failure.Summary, attempt, retry.MaxRetries, delay.TotalSeconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static async Task<Failure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        string? reason = null;
        try
        {
            // {"error": {"code": 500, "message": "...", "errors": [{"reason": "backendError", ...}], "status": "INTERNAL"}}
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                    && errors[0].TryGetProperty("reason", out var r))
                {
                    reason = r.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not BigQuery's JSON (a proxy's page, say): the status code has to do.
        }
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var summary = $"BigQuery answered {(int)response.StatusCode}{(reason is null ? "" : $" ({reason})")}{(message is null ? "" : ": " + message.TrimEnd('.'))}";
        return new Failure(summary, response.StatusCode, reason, RetryPolicy.IsTransient(response.StatusCode, reason), retryAfter);
    }

    private static async Task AbandonAsync(Task<JsonDocument>? next, CancellationTokenSource prefetch)
    {
        if (next is null)
        {
            return;
        }
        await prefetch.CancelAsync();
        try
        {
            (await next).Dispose();
        }
        catch (Exception)
        {
            // The page is not wanted any more; the caller's own failure is what matters.
        }
    }

    /// <summary>What went wrong with one attempt, in words fit for a log line.</summary>
    private sealed record Failure(string Summary, HttpStatusCode? Status, string? Reason, bool Transient, TimeSpan? RetryAfter);
}
