using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.BigQuery;
using Kollektivkart.Etl.Bunny;

namespace Kollektivkart.Etl.Cli;

/// <summary>
/// The job's environment variables, checked before a command does any work, by the same readings the steps use later:
/// a wrong one is a <see cref="UsageException"/> or <see cref="PondException"/> naming the variable, its value and what
/// is allowed, which the command line shows as one line with exit code 2. Without this a wrong CDN endpoint would
/// surface only after the whole nightly run, and a wrong lock lease only on an S3 pond.
/// </summary>
public static class JobSettings
{
    /// <summary>What a command reads: the pond's settings (S3 endpoint, lock lease), BigQuery's endpoint, Bunny's.</summary>
    public static void Check(bool bigQuery, bool cdn)
    {
        if (DuckDbSettings.WrongThreads() is { } threads)
        {
            throw new UsageException($"{DuckDbSettings.ThreadsVariable} must be {DuckDbSettings.ThreadsAllowed}, got '{threads}'.");
        }
        PondLockOptions.FromEnvironment();
        S3Options.FromEnvironment().EndpointUrl();
        if (bigQuery && Environment.GetEnvironmentVariable(BigQueryOptions.EndpointVariable) is { Length: > 0 } endpoint)
        {
            BigQueryOptions.ParseEndpoint(endpoint);
        }
        if (cdn)
        {
            BunnyOptions.FromEnvironment();
        }
    }
}
