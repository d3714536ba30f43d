using System.Diagnostics;
using Amazon.S3.Model;
using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Tests.Support;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>demo and run on an s3:// pond against s3rver: what lands in the bucket, what a run transfers, and a killed upload.</summary>
public sealed class S3RunTests(S3PondFixture s3) : IClassFixture<S3PondFixture>
{
    private const string Bucket = S3PondFixture.Bucket;

    [Fact]
    public void Demo_and_run_into_an_empty_bucket_publish_what_a_local_run_writes()
    {
        s3.Demo("full");
        var run = S3PondFixture.Require(EtlProcess.Run(s3.Environment("full"), ["run", S3PondFixture.Pond("full"), .. S3PondFixture.RunArgs]), "run");

        var keys = s3.Server.List(Bucket, "full").Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(PondContent.Files(s3.Reference), keys.Order(StringComparer.Ordinal));
        Assert.Equal(PondContent.Of(s3.Reference), PondContent.Of(s3.Download("full")));
        Assert.Contains("Uploaded ", run.Output);
        // stats.db went up under a temporary key and was copied into place: the temporary key is gone.
        Assert.Contains($"full/{S3Pond.StatsDbUploadKey}", s3.Server.Stored);
        Assert.DoesNotContain(S3Pond.StatsDbUploadKey, keys);
    }

    [Fact]
    public void A_second_run_uploads_nothing_and_a_fresh_cache_downloads_only_what_the_plan_reads()
    {
        const string prefix = "again";
        s3.Demo(prefix);
        S3PondFixture.Require(EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "first run");
        var before = Snapshot(prefix);
        var stored = PondObjectsStored();

        var second = S3PondFixture.Require(EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "second run");

        Assert.Contains("Nothing new", second.Output);
        Assert.Contains("Nothing to upload", second.Output);
        Assert.DoesNotContain("Downloaded", second.Output);
        Assert.Equal(stored, PondObjectsStored());
        Assert.Equal(before, Snapshot(prefix));

        Directory.Delete(s3.CacheRoot(prefix), recursive: true);
        var fresh = S3PondFixture.Require(EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "run on an empty cache");

        // stats.db, the two months' lists of source days of leg_stats and of punctuality, stops and quays: what the plan and its
        // checks read.
        Assert.Contains("Downloaded 7 files", fresh.Output);
        Assert.Contains("Nothing new", fresh.Output);
        Assert.Equal(stored, PondObjectsStored());
        Assert.Equal(before, Snapshot(prefix));
    }

    [Fact]
    public void A_run_killed_while_uploading_is_completed_by_the_next_run()
    {
        const string prefix = "killed";
        s3.Demo(prefix);
        var storedBefore = PondObjectsStored();

        using (var process = EtlProcess.Start(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]))
        {
            var clock = Stopwatch.StartNew();
            while (PondObjectsStored() < storedBefore + 2 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                Thread.Sleep(2);
            }
            Assert.False(process.HasExited, "the run finished before its upload could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var interrupted = s3.Server.List(Bucket, prefix).Keys.ToList();
        Assert.DoesNotContain("stats.db", interrupted);
        Assert.Contains(interrupted, key => key.StartsWith("legs.parquet/", StringComparison.Ordinal) || key.StartsWith("route_name.parquet/", StringComparison.Ordinal));

        // The killed run's lock stays until its lease runs out: a short lease lets the next run take it over now.
        var environment = s3.Environment(prefix);
        environment[PondLockOptions.LeaseVariable] = "0.01";
        Thread.Sleep(TimeSpan.FromSeconds(1));
        var resumed = S3PondFixture.Require(EtlProcess.Run(environment, ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "run after the killed one");

        Assert.Contains("Uploaded ", resumed.Output);
        Assert.Equal(PondContent.Files(s3.Reference), s3.Server.List(Bucket, prefix).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PondContent.Of(s3.Reference), PondContent.Of(s3.Download(prefix)));
    }

    [Fact]
    public async Task A_half_uploaded_partition_counts_as_absent_and_a_changed_cache_file_is_fetched_again()
    {
        const string prefix = "half";
        s3.Demo(prefix);
        S3PondFixture.Require(EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "first run");
        // What a killed upload leaves: a partition still marked, with a file not (yet) its new version,
        // and stats.db's temporary key. And a cached file someone changed by hand.
        using (var client = s3.Server.Client())
        {
            foreach (var (key, body) in new[]
            {
                ("legs.parquet/operatingDate=2025-03-28/_uploading", ""),
                ("legs.parquet/operatingDate=2025-03-28/data.parquet", "not parquet"),
                (S3Pond.StatsDbUploadKey, "half a stats.db"),
            })
            {
                await client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"{prefix}/{key}", ContentBody = body, UseChunkEncoding = false });
            }
        }
        var cached = Path.Combine(s3.CacheRoot(prefix), Bucket, prefix, "legs.parquet", "operatingDate=2025-03-30", "data.parquet");
        File.WriteAllText(cached, "changed by hand");

        var run = S3PondFixture.Require(EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "run");

        Assert.Contains("legs: 1/1 partitions", run.Output);
        // The marked partition's cached file and the changed one.
        Assert.Contains("2 removed", run.Output);
        Assert.Equal(PondContent.Files(s3.Reference), s3.Server.List(Bucket, prefix).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PondContent.Of(s3.Reference), PondContent.Of(s3.Download(prefix)));
    }

    [Fact]
    public void Wrong_credentials_or_bucket_give_one_clear_line_exit_2_and_write_nothing()
    {
        // s3rver checks the access key but not version 4 signatures, so the wrong part here is the key.
        const string secret = "s3cr3t-that-must-never-show";
        var wrongKey = s3.Server.Environment(s3.CacheRoot("wrong"), accessKey: "AKIAWRONGKEY");
        wrongKey["AWS_SECRET_ACCESS_KEY"] = secret;
        var noKeys = s3.Environment("wrong");
        noKeys["AWS_ACCESS_KEY_ID"] = "";
        noKeys["AWS_SECRET_ACCESS_KEY"] = "";

        var refused = EtlProcess.Run(wrongKey, ["run", S3PondFixture.Pond("wrong"), .. S3PondFixture.RunArgs]);
        var noBucket = EtlProcess.Run(s3.Environment("wrong"), ["run", "s3://no-such-bucket/pond", .. S3PondFixture.RunArgs]);
        var unset = EtlProcess.Run(noKeys, ["demo", S3PondFixture.Pond("wrong"), .. DemoPondFixture.DemoArgs]);

        foreach (var (result, expected) in new[]
        {
            (refused, "s3://ponds/wrong (InvalidAccessKeyId, HTTP 403): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
            (noBucket, "has no bucket no-such-bucket"),
            (unset, "needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
        })
        {
            Assert.Equal(2, result.ExitCode);
            var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains(expected, error);
            Assert.DoesNotContain(secret, result.Output);
            Assert.DoesNotContain("AKIAWRONGKEY", result.Output);
            Assert.DoesNotContain("   at ", result.Output);
        }
        Assert.False(Directory.Exists(s3.CacheRoot("wrong")), "a refused run must not create its cache");
        Assert.Empty(s3.Server.List(Bucket, "wrong"));
    }

    /// <summary>Every object's ETag and last-modified time: equal snapshots mean nothing was written.</summary>
    private Dictionary<string, string> Snapshot(string prefix) =>
        s3.Server.List(Bucket, prefix).ToDictionary(o => o.Key, o => $"{o.Value.ETag} {o.Value.LastModified:O}");

    /// <summary>Objects stored so far, not counting the runs' lock object.</summary>
    private int PondObjectsStored() => s3.Server.Stored.Count(key => !key.EndsWith("/" + S3PondLock.Key, StringComparison.Ordinal));
}
