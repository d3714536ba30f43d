using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>
/// s3rver with one bucket, and the reference the S3 runs are held to: the same demo data derived in
/// a local folder. Each test works under its own prefix of the bucket, with its own cache.
/// </summary>
public sealed class S3PondFixture : IDisposable
{
    public const string Bucket = "ponds";

    /// <summary>The tests' runs: one DuckDB thread, so a local and an S3 run compute alike.</summary>
    public static readonly string[] RunArgs = ["--skip-bq", "--max-cpus", "1"];

    private readonly TempFolder _folder = new();

    public S3PondFixture()
    {
        Server = S3rver.Start(Bucket);
        try
        {
            Reference = _folder.Sub("reference");
            Require(EtlProcess.Run(["demo", Reference, .. DemoPondFixture.DemoArgs]), "local demo");
            Require(EtlProcess.Run(["run", Reference, .. RunArgs]), "local run");
        }
        catch
        {
            Server.Dispose();
            throw;
        }
    }

    public S3rver Server { get; }

    /// <summary>A local pond with the demo data and everything derived from it.</summary>
    public string Reference { get; }

    public static string Pond(string prefix) => $"s3://{Bucket}/{prefix}";

    /// <summary>Where a test's job keeps its caches (POND_CACHE_DIR).</summary>
    public string CacheRoot(string prefix) => _folder.Sub("cache-" + prefix);

    /// <summary>The variables for the job: this server, the right key, a cache of the test's own.</summary>
    public Dictionary<string, string?> Environment(string prefix) => Server.Environment(CacheRoot(prefix));

    /// <summary>Everything under the prefix, downloaded into a new folder.</summary>
    public string Download(string prefix)
    {
        var folder = _folder.Sub("download-" + prefix + "-" + Guid.NewGuid().ToString("N"));
        Server.Download(Bucket, prefix, folder);
        return folder;
    }

    /// <summary>Demo data written into the prefix through the command line, as a user would.</summary>
    public void Demo(string prefix) =>
        Require(EtlProcess.Run(Environment(prefix), ["demo", Pond(prefix), .. DemoPondFixture.DemoArgs]), "demo into " + Pond(prefix));

    public static EtlResult Require(EtlResult result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what} failed with exit code {result.ExitCode}:\n{result.Output}");
        return result;
    }

    public void Dispose()
    {
        Server.Dispose();
        _folder.Dispose();
    }
}
