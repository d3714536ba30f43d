using Kollektivkart.Data;
using Kollektivkart.Etl.Cli;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// Where and as whom the nightly job reads Entur's tables: the service-account key, the project
/// billed for the queries and the REST root (tests point it at a local server).
/// </summary>
public sealed record BigQueryOptions(string CredentialsFile, string? Project, Uri Endpoint)
{
    public const string CredentialsVariable = "GOOGLE_APPLICATION_CREDENTIALS";
    public const string ProjectVariable = "BIGQUERY_PROJECT";
    public const string EndpointVariable = "BIGQUERY_ENDPOINT";

    public static readonly Uri DefaultEndpoint = new("https://bigquery.googleapis.com/");

    /// <summary>Rows asked for per page; BigQuery also caps a page at about 10 MB, so pages are often smaller.</summary>
    public int PageRows { get; init; } = 50_000;

    /// <summary>One HTTP exchange, body included; longer than the server-side wait of <see cref="ServerWait"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long BigQuery may hold a jobs.query or getQueryResults call open waiting for the job.</summary>
    public TimeSpan ServerWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A query that has not completed after this long fails.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Reads the options from the environment; a missing or unusable setting is a <see cref="UsageException"/>.</summary>
    public static BigQueryOptions FromEnvironment(Func<string, string?> variable)
    {
        var credentials = variable(CredentialsVariable);
        if (string.IsNullOrWhiteSpace(credentials))
        {
            throw new UsageException(
                $"fetching from BigQuery needs credentials: set {CredentialsVariable} to a service-account key file (JSON), " +
                "or pass --skip-bq to derive from the raw data already in the pond.");
        }
        if (!File.Exists(credentials))
        {
            throw new UsageException($"{CredentialsVariable} names {credentials}, which does not exist.");
        }
        var project = variable(ProjectVariable);
        var endpoint = variable(EndpointVariable);
        return new BigQueryOptions(
            credentials,
            string.IsNullOrWhiteSpace(project) ? null : project.Trim(),
            string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : ParseEndpoint(endpoint));
    }

    /// <summary>A host means https (<c>bigquery.googleapis.com</c>); a URL keeps its scheme (<c>http://127.0.0.1:9050</c>).</summary>
    public static Uri ParseEndpoint(string value)
    {
        if (!Endpoints.TryParse(value, out var uri))
        {
            throw new UsageException($"{EndpointVariable} must be a host or an http(s) URL, got '{value}'.");
        }
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
