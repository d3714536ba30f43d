using System.Diagnostics;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests;

/// <summary>The nightly run end to end on demo data: incremental, idempotent, resumable, zone-independent.</summary>
public sealed class RunTests(DemoPondFixture demo) : IClassFixture<DemoPondFixture>
{
    private static readonly string[] Derived = ["route_name.parquet", "legs.parquet", "leg_stats.parquet"];

    [Fact]
    public void A_run_derives_every_day_and_month_and_stats_db()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);

        var result = EtlProcess.Run("run", pond, "--skip-bq", "--max-cpus", "1", "--memory-limit-gb", "1");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(Partitions(pond, "arrivals.parquet"), Partitions(pond, "legs.parquet"));
        Assert.Equal(Partitions(pond, "arrivals.parquet"), Partitions(pond, "route_name.parquet"));
        Assert.Equal(["month=2025-03-01", "month=2025-04-01"], Partitions(pond, "leg_stats.parquet"));
        foreach (var file in new[] { "datasources.parquet", "datasource_line.parquet", "stop_line.parquet", "stats.db" })
        {
            Assert.True(File.Exists(Path.Combine(pond, file)), file + " missing");
        }
        Assert.Contains("threads 1", result.Output);
        Assert.Contains("legs: 6/6 partitions", result.Output);
        Assert.False(Directory.Exists(Path.Combine(pond, ".staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(pond, ".staging")).Any());
    }

    [Fact]
    public void A_second_run_with_nothing_new_writes_nothing_and_says_so()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyDerivedTo(folder);
        var before = TempFolder.Snapshot(pond);

        // DUCKDB_THREADS caps DuckDB's threads when --max-cpus is not given (./test.sh sets 1).
        var second = EtlProcess.Run(new Dictionary<string, string?> { [DuckDbSettings.ThreadsVariable] = "3" }, "run", pond, "--skip-bq");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("DuckDB threads 3,", second.Output);
        Assert.Contains("Nothing new", second.Output);
        Assert.Equal(before, TempFolder.Snapshot(pond));
    }

    [Fact]
    public void New_raw_days_derive_only_those_days_and_their_months()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        // Drop the April days, derive March, then bring April back as a later sync would.
        var april = Directory.GetDirectories(Path.Combine(pond, "arrivals.parquet"), "operatingDate=2025-04-*");
        var aside = folder.Sub("april");
        Directory.CreateDirectory(aside);
        foreach (var day in april)
        {
            Directory.Move(day, Path.Combine(aside, Path.GetFileName(day)));
        }
        Assert.Equal(0, EtlProcess.Run("run", pond, "--skip-bq").ExitCode);
        var march = TempFolder.Snapshot(pond);
        foreach (var day in Directory.GetDirectories(aside))
        {
            Directory.Move(day, Path.Combine(pond, "arrivals.parquet", Path.GetFileName(day)));
        }

        var result = EtlProcess.Run("run", pond, "--skip-bq");

        Assert.Equal(0, result.ExitCode);
        var after = TempFolder.Snapshot(pond);
        var rewritten = march.Where(kv => after.TryGetValue(kv.Key, out var now) && now != kv.Value).Select(kv => kv.Key).ToList();
        Assert.DoesNotContain(rewritten, f => f.StartsWith("legs.parquet", StringComparison.Ordinal));
        Assert.DoesNotContain(rewritten, f => f.Contains("month=2025-03-01", StringComparison.Ordinal));
        Assert.Contains("leg_stats.parquet/month=2025-04-01/data.parquet", after.Keys);
        Assert.Contains($"legs: {april.Length}/{april.Length} partitions", result.Output);
    }

    [Fact]
    public void Invalidate_recomputes_from_the_from_date_and_keeps_earlier_days()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyDerivedTo(folder);
        var before = TempFolder.Snapshot(pond);
        var contentBefore = Content(pond);

        var result = EtlProcess.Run("run", pond, "--skip-bq", "--invalidate", "--from-date", "2025-03-30");

        Assert.Equal(0, result.ExitCode);
        var after = TempFolder.Snapshot(pond);
        string[] kept = ["legs.parquet/operatingDate=2025-03-27/data.parquet", "legs.parquet/operatingDate=2025-03-29/data.parquet"];
        string[] redone = ["legs.parquet/operatingDate=2025-03-30/data.parquet", "legs.parquet/operatingDate=2025-04-01/data.parquet", "leg_stats.parquet/month=2025-03-01/data.parquet", "stats.db"];
        Assert.All(kept, f => Assert.Equal(before[f], after[f]));
        Assert.All(redone, f => Assert.NotEqual(before[f].Split(' ')[1], after[f].Split(' ')[1]));
        Assert.Equal(contentBefore, Content(pond));
    }

    [Fact]
    public void A_killed_run_leaves_no_partial_partition_and_the_next_run_completes_the_work()
    {
        using var folder = new TempFolder();
        var reference = demo.CopyDerivedTo(folder, "reference");
        var pond = demo.CopyTo(folder, "crashed");

        using (var process = EtlProcess.Start(new Dictionary<string, string?>(), "run", pond, "--skip-bq", "--max-cpus", "1"))
        {
            var clock = Stopwatch.StartNew();
            while (Partitions(pond, "legs.parquet").Count < 2 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }
            Assert.False(process.HasExited, "the run finished before it could be killed; the test needs a slower run");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var done = Partitions(pond, "legs.parquet");
        Assert.InRange(done.Count, 2, 5);
        // Every partition present is whole: DuckDB reads each completely.
        foreach (var dataset in Derived)
        {
            foreach (var partition in Partitions(pond, dataset))
            {
                using var connection = DuckDbConnections.OpenInMemory();
                connection.Scalar<long>("SELECT count(*) FROM read_parquet($files)", ("files", Path.Combine(pond, dataset, partition, "*.parquet")));
            }
        }
        Assert.False(File.Exists(Path.Combine(pond, "stats.db")));

        var resumed = EtlProcess.Run("run", pond, "--skip-bq");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"legs: {6 - done.Count}/{6 - done.Count} partitions", resumed.Output);
        Assert.Equal(Content(reference), Content(pond));
    }

    [Fact]
    public void Hours_and_weekdays_are_norwegian_whatever_the_machine_time_zone()
    {
        using var folder = new TempFolder();
        // Derived in UTC by the fixture.
        var oslo = demo.CopyDerivedTo(folder, "utc");
        var newYork = demo.CopyTo(folder, "new-york");

        Assert.Equal(0, EtlProcess.Run(new Dictionary<string, string?> { ["TZ"] = "America/New_York" }, "run", newYork, "--skip-bq").ExitCode);

        Assert.Equal(Content(oslo), Content(newYork));
        using var connection = DuckDbConnections.OpenInMemory();
        // Rush hour in the demo data is 07-09 Norwegian time: more legs start then than at 04.
        var byHour = Query(connection, "SELECT hour, sum(hourly_count)::BIGINT FROM read_parquet($f, hive_partitioning = true) GROUP BY hour",
            Path.Combine(oslo, "leg_stats.parquet", "*", "*.parquet"));
        Assert.True(byHour.GetValueOrDefault(8) > byHour.GetValueOrDefault(4), "08 local should be busier than 04 local");
    }

    private static List<string> Partitions(string pond, string dataset)
    {
        var folder = Path.Combine(pond, dataset);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The derived data as sorted text rows, to compare two ponds by content rather than bytes.</summary>
    private static string Content(string pond)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        var parts = new List<string>();
        foreach (var dataset in Derived)
        {
            using var reader = connection.Query(
                "SELECT * FROM read_parquet($files, hive_partitioning = true) ORDER BY ALL",
                ("files", Path.Combine(pond, dataset, "*", "*.parquet")));
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                parts.Add(dataset + ": " + string.Join('|', values));
            }
        }
        return string.Join('\n', parts);
    }

    private static Dictionary<int, long> Query(DuckDB.NET.Data.DuckDBConnection connection, string sql, string files)
    {
        using var reader = connection.Query(sql, ("f", files));
        var result = new Dictionary<int, long>();
        while (reader.Read())
        {
            result[Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }
}
