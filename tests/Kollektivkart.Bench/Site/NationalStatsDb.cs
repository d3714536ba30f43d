using System.Globalization;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Site;

/// <summary>What the national stats.db is made from; a cached one is reused when these match.</summary>
public sealed record NationalSpec(DateOnly BaseFrom, int BaseDays, double Scale, int Months, int Seed)
{
    /// <summary>Goes up when the synthesis changes, so a cached pond made the old way is not reused.</summary>
    public const int SynthesisVersion = 3;

    /// <summary>Goes up when the demo generator changes what it writes (issue 21: departures around the timetable, trains), so a base of the old data is made again.</summary>
    public const int GeneratorVersion = 2;

    /// <summary>A full October (22 weekdays) at national scale, the newest month, and 28 months before it: about 6 million leg_stats rows, as the real site holds.</summary>
    public static readonly NationalSpec Default = new(new DateOnly(2026, 10, 1), 31, 1.0, 29, 1);

    /// <summary>Smoke size: the same month at 5 % scale, three months.</summary>
    public static readonly NationalSpec Quick = new(new DateOnly(2026, 10, 1), 31, 0.05, 3, 1);

    public DateOnly BaseMonth => new(BaseFrom.Year, BaseFrom.Month, 1);

    public string BaseName => string.Create(CultureInfo.InvariantCulture, $"base-{BaseFrom:yyyy-MM-dd}-{BaseDays}d-scale{Scale}-seed{Seed}-g{GeneratorVersion}");

    public string Name => string.Create(CultureInfo.InvariantCulture, $"national-{BaseFrom:yyyy-MM-dd}-{BaseDays}d-scale{Scale}-{Months}m-seed{Seed}-v{SynthesisVersion}");
}

/// <summary>
/// A national-scale stats.db. Deriving 12 national months from raw data would take hours on this machine, so:
/// one month of national-scale demo data (the job's <c>demo --scale 1</c>) goes through the job's own
/// <c>run --skip-bq</c>; its leg_stats month is then copied to the months before it with systematic
/// variation (extend_leg_stats.sql), and the job's <c>run --skip-bq</c> publishes stats.db from all months
/// through the real code path. Cached under the work folder by <see cref="NationalSpec"/>; a stats.db of
/// another schema version is republished by that same run.
/// </summary>
public static class NationalStatsDb
{
    public static string Ensure(BenchContext context, NationalSpec spec)
    {
        var site = context.Folder("site");
        var basePond = Path.Combine(site, spec.BaseName);
        var pond = Path.Combine(site, spec.Name);
        if (!File.Exists(Path.Combine(basePond, ".complete")))
        {
            BuildBase(context, spec, basePond);
        }
        if (!File.Exists(Path.Combine(pond, ".complete")))
        {
            // A base derived by an older build (before day types) is brought up to date first: the job recomputes its month.
            RunJob(context, ["run", basePond, "--skip-bq"], "bring the base month up to date");
            Extend(context, spec, basePond, pond);
        }
        // Nothing to do when stats.db is current; after a schema version change this republishes it.
        RunJob(context, ["run", pond, "--skip-bq"], "publish stats.db");
        return pond;
    }

    private static void BuildBase(BenchContext context, NationalSpec spec, string basePond)
    {
        // The demo data takes minutes: a base whose generation finished is derived again rather than generated again.
        var generated = Path.Combine(basePond, ".generated");
        if (!File.Exists(generated))
        {
            if (Directory.Exists(basePond))
            {
                Directory.Delete(basePond, recursive: true);
            }
            context.Log($"site: generating {spec.BaseDays} days of demo data at scale {spec.Scale} from {spec.BaseFrom:yyyy-MM-dd} (about {spec.BaseDays * 6 * spec.Scale:F0} s), then legs and leg_stats (about {spec.BaseDays * 5 * spec.Scale:F0} s)");
            RunJob(context,
            [
                "demo", basePond, "--from", spec.BaseFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--days", spec.BaseDays.ToString(CultureInfo.InvariantCulture),
                "--scale", spec.Scale.ToString(CultureInfo.InvariantCulture), "--seed", spec.Seed.ToString(CultureInfo.InvariantCulture),
            ], "demo");
            File.WriteAllText(generated, "");
        }
        RunJob(context, ["run", basePond, "--skip-bq"], "derive the base month");
        File.WriteAllText(Path.Combine(basePond, ".complete"), "");
    }

    private static void Extend(BenchContext context, NationalSpec spec, string basePond, string pond)
    {
        if (Directory.Exists(pond))
        {
            Directory.Delete(pond, recursive: true);
        }
        Directory.CreateDirectory(pond);
        // The raw data and legs are read, never written, by the publishing run: links save copying gigabytes.
        foreach (var dataset in new[] { PondLayout.Arrivals, PondLayout.Legs, PondLayout.RouteName, PondLayout.Departures })
        {
            Directory.CreateSymbolicLink(Path.Combine(pond, dataset), Path.Combine(basePond, dataset));
        }
        foreach (var file in new[] { PondLayout.Stops, PondLayout.Quays, PondLayout.DataSources, PondLayout.DataSourceLine, PondLayout.StopLine, PondLayout.LineStretch })
        {
            File.Copy(Path.Combine(basePond, file), Path.Combine(pond, file));
        }
        // Each monthly dataset's base month is copied to the months before it, with variation.
        foreach (var (dataset, script) in new[] { (PondLayout.LegStats, "extend_leg_stats.sql"), (PondLayout.Punctuality, "extend_punctuality.sql") })
        {
            var baseMonth = PartitionRef.Month(dataset, spec.BaseMonth).RelativePath;
            CopyFolder(Path.Combine(basePond, baseMonth), Path.Combine(pond, baseMonth));
            var baseFile = Path.Combine(pond, baseMonth, "data.parquet");
            var sql = File.ReadAllText(Path.Combine(context.RepositoryRoot, "tests", "Kollektivkart.Bench", "Site", script));
            using var connection = DuckDbConnections.OpenInMemory();
            long rows = 0;
            for (var offset = 1; offset < spec.Months; offset++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var month = spec.BaseMonth.AddMonths(-offset);
                var folder = Path.Combine(pond, PartitionRef.Month(dataset, month).RelativePath);
                Directory.CreateDirectory(folder);
                rows += connection.Execute($"COPY ({sql}) TO $output (FORMAT parquet, COMPRESSION zstd)",
                    ("base", baseFile), ("month", month), ("offset", offset), ("seed", spec.Seed), ("output", Path.Combine(folder, "data.parquet")));
                context.Log($"site: synthesised {dataset} for {month:yyyy-MM} ({offset}/{spec.Months - 1}), {rows:N0} rows so far");
            }
        }
        // Publish from scratch: the run below sees no stats.db and builds one from every month.
        File.WriteAllText(Path.Combine(pond, ".complete"), "");
    }

    /// <summary>Runs the job to its end, logging its steps; a failure stops the benchmark with the job's last lines.</summary>
    public static ChildResult RunJob(BenchContext context, IReadOnlyList<string> arguments, string what)
    {
        var result = ChildProcess.Run(ChildProcess.DotNetHost(), [context.EtlAssembly, .. arguments], context.RepositoryRoot, context.Cancellation,
            line =>
            {
                if (line.Contains("Step ", StringComparison.Ordinal) && line.Contains(" done", StringComparison.Ordinal))
                {
                    context.Log("site: " + line[(line.IndexOf("Step ", StringComparison.Ordinal))..]);
                }
            });
        if (result.ExitCode != 0)
        {
            throw new BenchFailedException($"{what} (kollektivkart-etl {string.Join(' ', arguments)}) exited with {result.ExitCode}:{Environment.NewLine}{result.Tail()}");
        }
        context.Log($"site: {what} took {result.Elapsed.TotalSeconds:F0} s");
        return result;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
