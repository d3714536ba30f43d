using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>
/// A demo pond of the last few operating days up to yesterday (what a sync would fetch today), a
/// reference pond derived from it directly with --skip-bq, and a fake BigQuery serving the same raw
/// data through the REST API, with a key file for it.
/// </summary>
public sealed class BigQueryDemoFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string SourcePond => _folder.Sub("source");

    /// <summary>The source's raw data derived by <c>run --skip-bq</c>: what a BigQuery run must reproduce.</summary>
    public string ReferencePond => _folder.Sub("reference");

    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    public FakeBigQuery Fake { get; private set; } = null!;

    public string KeyFile => _folder.Sub("service-account.json");

    public string FromDate => Days[0].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var demo = EtlProcess.Run("demo", SourcePond, "--days", "3", "--scale", "0.02", "--seed", "11");
        if (demo.ExitCode != 0)
        {
            throw new InvalidOperationException("demo failed: " + demo.Output);
        }
        Days = Directory.GetDirectories(Path.Combine(SourcePond, "arrivals.parquet"))
            .Select(d => DateOnly.ParseExact(Path.GetFileName(d)["operatingDate=".Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        TempFolder.CopyTree(SourcePond, ReferencePond);
        var reference = EtlProcess.Run("run", ReferencePond, "--skip-bq", "--from-date", FromDate);
        if (reference.ExitCode != 0)
        {
            throw new InvalidOperationException("reference run failed: " + reference.Output);
        }
        Fake = await FakeBigQuery.StartAsync(EnturTables.FromPond(SourcePond));
        Fake.WriteKeyFile(KeyFile);
    }

    public async Task DisposeAsync()
    {
        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }
        _folder.Dispose();
    }

    /// <summary>The environment of a run against the fake.</summary>
    public Dictionary<string, string?> Environment(string? keyFile = null) => new()
    {
        ["GOOGLE_APPLICATION_CREDENTIALS"] = keyFile ?? KeyFile,
        ["BIGQUERY_ENDPOINT"] = Fake.BaseUrl,
    };
}
