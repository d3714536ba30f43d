using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;
using Xunit.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// The site on an s3:// pond served by s3rver: ready only once stats.db is downloaded, a cached copy
/// reused after a restart, and a newer stats.db swapped in under load without a failed request.
/// The pond is published the way the nightly job does it (demo data, the derivation, the upload).
/// </summary>
public sealed class S3ServingTests(ITestOutputHelper output) : IDisposable
{
    private const string Bucket = "site";
    private const int RefreshSeconds = 60;

    private readonly S3rver _server = S3rver.Start(Bucket);
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_site_is_ready_only_once_stats_db_is_downloaded_and_reuses_its_copy_after_a_restart()
    {
        const string prefix = "ready";
        var cache = _folder.Sub("site-cache");
        string copy;
        await using (var site = StartSite(prefix, cache))
        {
            await site.WaitUntilLoadFailed($"s3://{Bucket}/{prefix}/stats.db does not exist");

            Publish(prefix, SiteData.DemoFrom, SiteData.DemoDays);
            await site.AdvanceUntil(TimeSpan.FromSeconds(RefreshSeconds), async () => (await site.Get("/ready")).StatusCode == HttpStatusCode.OK);

            var published = _server.List(Bucket, prefix)["stats.db"];
            copy = Assert.Single(Copies(cache, prefix));
            Assert.Equal($"stats-{published.ETag.Trim('"')}.db", Path.GetFileName(copy));
            Assert.Equal(published.Size, new FileInfo(copy).Length);
            Assert.Equal("2025-02-05", await DataDate(site));
        }
        var downloaded = File.GetLastWriteTimeUtc(copy);

        await using (var restarted = StartSite(prefix, cache))
        {
            await restarted.WaitUntilReady();

            Assert.Equal([copy], Copies(cache, prefix));
            Assert.Equal(downloaded, File.GetLastWriteTimeUtc(copy));
            Assert.Equal("2025-02-05", await DataDate(restarted));
        }
    }

    [Fact]
    public async Task A_newer_stats_db_is_swapped_in_while_requests_run_and_none_of_them_fails()
    {
        const string prefix = "swap";
        var cache = _folder.Sub("site-cache");
        Publish(prefix, SiteData.DemoFrom, SiteData.DemoDays);
        await using var site = StartSite(prefix, cache);
        await site.WaitUntilReady();
        var old = Assert.Single(Copies(cache, prefix));

        string[] urls = ["/api/stats", "/status?format=json", "/2025/2/15/about", "/2025/2/15/hot-spots", "/api/hot-spots/2025/2/15"];
        var failures = new ConcurrentQueue<string>();
        var servedUpTo = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var requests = 0;
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var url = urls[i % urls.Length];
                try
                {
                    using var response = await site.Get(url);
                    var body = await response.Content.ReadAsStringAsync();
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{url}: {(int)response.StatusCode}");
                    }
                    else if (url == "/api/stats")
                    {
                        servedUpTo.AddOrUpdate(EndDate(body), 1, (_, n) => n + 1);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    failures.Enqueue($"{url}: {e.Message}");
                }
            }
        })).ToArray();

        await Task.Delay(500);
        // Two more operating days, derived and published while the site serves the first stats.db.
        Publish(prefix, SiteData.DemoFrom.AddDays(SiteData.DemoDays), 2);
        await site.AdvanceUntil(TimeSpan.FromSeconds(RefreshSeconds), async () => EndDate(await site.GetOk("/api/stats")) == "2025-02-07");
        // Until the clients have been answered from the new one too; on a busy machine that can take more than a moment.
        for (var waited = 0; servedUpTo.GetValueOrDefault("2025-02-07") == 0 && waited < 60_000; waited += 100)
        {
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"{requests} requests, {failures.Count} failed; /api/stats served data up to {string.Join(", ", servedUpTo)}");
        Assert.Empty(failures);
        Assert.True(servedUpTo.GetValueOrDefault("2025-02-05") > 0 && servedUpTo.GetValueOrDefault("2025-02-07") > 0,
            $"requests before and after the swap: {string.Join(", ", servedUpTo)} of {requests}");
        Assert.Equal("2025-02-07", await DataDate(site));
        Assert.Contains("2025-02-07", await site.GetOk("/2025/2/15/about"));
        var current = Assert.Single(Copies(cache, prefix));
        Assert.NotEqual(old, current);
        Assert.False(File.Exists(old), "the replaced copy of stats.db should be deleted once no request uses it");
    }

    [Fact]
    public async Task A_bad_stats_db_in_the_bucket_is_refused_once_not_downloaded_again_and_a_good_one_later_swapped_in()
    {
        const string prefix = "refuse";
        var cache = _folder.Sub("site-cache");
        Publish(prefix, SiteData.DemoFrom, SiteData.DemoDays);
        await using var site = StartSite(prefix, cache);
        await site.WaitUntilReady();
        var served = Assert.Single(Copies(cache, prefix));

        var truncated = _folder.Sub("truncated.db");
        var problem = BadStatsDb.Write(served, truncated, StatsDbDamage.Truncated);
        using (var client = _server.Client())
        {
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
            {
                BucketName = Bucket, Key = $"{prefix}/stats.db", FilePath = truncated, UseChunkEncoding = false,
            });
        }
        var refusal = $"Refused s3://{Bucket}/{prefix}/stats.db: ";
        await site.AdvanceUntil(TimeSpan.FromSeconds(RefreshSeconds), () => Task.FromResult(site.Log.With(Microsoft.Extensions.Logging.LogLevel.Warning, refusal).Count > 0));
        for (var look = 0; look < 3; look++)
        {
            site.Clock.Advance(TimeSpan.FromSeconds(RefreshSeconds));
            await Task.Delay(200);
        }

        Assert.Contains(problem, Assert.Single(site.Log.With(Microsoft.Extensions.Logging.LogLevel.Warning, refusal)), StringComparison.Ordinal);
        Assert.Equal([served], Copies(cache, prefix));
        Assert.Equal("2025-02-05", await DataDate(site));
        Assert.Contains("2025-02-05", await site.GetOk("/2025/2/15/about"));

        Publish(prefix, SiteData.DemoFrom.AddDays(SiteData.DemoDays), 2);
        await site.AdvanceUntil(TimeSpan.FromSeconds(RefreshSeconds), async () => await DataDate(site) == "2025-02-07");
    }

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }

    private S3Options Options => new()
    {
        AccessKeyId = S3rver.AccessKey,
        SecretAccessKey = S3rver.SecretKey,
        Endpoint = _server.Endpoint.ToString(),
    };

    /// <summary>Writes demo days into the S3 pond and publishes what the nightly run derives from them, as the job does.</summary>
    private void Publish(string prefix, DateOnly from, int days)
    {
        var options = new RunOptions(SiteData.DemoFrom);
        using var pond = S3Pond.Open(S3Location.Parse($"s3://{Bucket}/{prefix}"), Options, _folder.Sub("job-cache-" + prefix), NullLogger.Instance);
        DemoGenerator.Generate(pond, new DemoOptions(from, days, Scale: 0.01, Seed: 7));
        pond.FetchForDerivation(options);
        new Derivation(pond, options, NullLogger.Instance).Run();
        pond.Publish();
    }

    private Site StartSite(string prefix, string cache) => Site.Start($"s3://{Bucket}/{prefix}", SiteData.DemoToday, new Dictionary<string, string>
    {
        ["S3:AccessKeyId"] = S3rver.AccessKey,
        ["S3:SecretAccessKey"] = S3rver.SecretKey,
        ["S3:Endpoint"] = _server.Endpoint.ToString(),
        ["Pond:CacheFolder"] = cache,
        ["Pond:RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });


    private static string[] Copies(string cache, string prefix)
    {
        var folder = Path.Combine(cache, ".site", Bucket, prefix);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "stats-*.db") : [];
    }

    private static async Task<string?> DataDate(Site site)
    {
        using var json = JsonDocument.Parse(await site.GetOk("/status?format=json"));
        return json.RootElement.GetProperty("data_date").GetString();
    }

    private static string EndDate(string stats)
    {
        using var json = JsonDocument.Parse(stats);
        return json.RootElement.GetProperty("date_range").GetProperty("end").GetString() ?? "";
    }
}
