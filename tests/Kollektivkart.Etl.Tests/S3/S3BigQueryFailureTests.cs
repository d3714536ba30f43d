using Kollektivkart.Etl.Tests.BigQuery;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;
using Xunit.Abstractions;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>On an S3 pond, days BigQuery gave before a failing day reach the bucket: a run from another cache does not fetch them again.</summary>
public sealed class S3BigQueryFailureTests(BigQueryDemoFixture demo, ITestOutputHelper output) : IClassFixture<BigQueryDemoFixture>, IDisposable
{
    private const string Bucket = "ponds";

    private readonly TempFolder _folder = new();
    private readonly S3rver _server = S3rver.Start(Bucket);

    public void Dispose()
    {
        demo.Fake.Reset();
        _server.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Days_fetched_before_a_failing_day_are_uploaded_and_a_run_from_another_cache_fetches_from_that_day()
    {
        var fake = demo.Fake;
        fake.Reset();
        var days = demo.Days;
        var failing = days[2];
        fake.Inject(r => r.Kind == FakeRequest.Query && r.Table == EnturTables.Arrivals && r.Day == failing, 503, times: int.MaxValue, retryAfter: TimeSpan.Zero);
        const string pond = $"s3://{Bucket}/synced";

        var failed = EtlProcess.Run(Environment("machine-a"), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(failed.Output);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(failed.Stderr.Split('\n'), line => line.StartsWith($"error: operating day {failing:yyyy-MM-dd} was not fetched: ", StringComparison.Ordinal));
        var keys = _server.List(Bucket, "synced").Keys.ToList();
        Assert.Equal(
            days.Take(2).Select(day => $"operatingDate={day:yyyy-MM-dd}"),
            keys.Where(k => k.StartsWith("arrivals.parquet/", StringComparison.Ordinal)).Select(k => k.Split('/')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("stops.parquet", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("legs.parquet", StringComparison.Ordinal) || k == "stats.db");

        fake.Reset();
        var elsewhere = EtlProcess.Run(Environment("machine-b"), "run", pond, "--from-date", demo.FromDate);
        output.WriteLine(elsewhere.Output);

        Assert.True(elsewhere.ExitCode == 0, elsewhere.Output);
        Assert.Equal(days.Skip(2), fake.Requests
            .Where(r => r.Kind == FakeRequest.Query && r.Table == EnturTables.Arrivals && r.Status == 200 && r.Day <= days[^1])
            .Select(r => r.Day!.Value));
        Assert.Contains("stats.db", _server.List(Bucket, "synced").Keys);
    }

    /// <summary>The fake BigQuery and s3rver, with a cache folder of this "machine"'s own.</summary>
    private Dictionary<string, string?> Environment(string machine)
    {
        var environment = demo.Environment();
        foreach (var (name, value) in _server.Environment(_folder.Sub(machine)))
        {
            environment[name] = value;
        }
        return environment;
    }
}
