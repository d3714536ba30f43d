using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Etl;

/// <summary>Which raw pond to generate: the demo command's parameters, which also name its cached folder.</summary>
public sealed record RawPondSpec(DateOnly From, int Days, double Scale, int Seed)
{
    /// <summary>April 2025: 30 days are one whole month, so leg_stats gets a full month of legs.</summary>
    public static readonly DateOnly NationalFrom = new(2025, 4, 1);

    /// <summary>Smoke sizes cross a month boundary, so leg_stats writes two months.</summary>
    public static readonly DateOnly QuickFrom = new(2025, 4, 29);

    public static RawPondSpec For(BenchContext context, int days) =>
        context.Quick ? new(QuickFrom, Math.Min(days, 3), 0.05, 1) : new(NationalFrom, days, 1, 1);

    public string FolderName => string.Create(CultureInfo.InvariantCulture, $"raw-{From:yyyy-MM-dd}-{Days}d-scale{Scale}-seed{Seed}");

    public IReadOnlyList<DateOnly> OperatingDays => Enumerable.Range(0, Days).Select(From.AddDays).ToList();

    public string[] DemoArguments(string pond) =>
    [
        "demo", pond, "--from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--days", Days.ToString(CultureInfo.InvariantCulture),
        "--scale", Scale.ToString(CultureInfo.InvariantCulture), "--seed", Seed.ToString(CultureInfo.InvariantCulture),
    ];
}

/// <summary>
/// National-scale ponds for the benchmarks, generated once and cached in the work folder: the
/// raw pond (the demo command's output), fresh ponds linked to it for each job run, and a
/// derived pond with stats.db for the site benchmark.
/// </summary>
public static partial class NationalPond
{
    private const string CompleteMarker = ".bench-complete";

    /// <summary>The raw pond for <paramref name="spec"/>, generated unless a complete one is cached.</summary>
    public static string Raw(BenchContext context, RawPondSpec spec)
    {
        var folder = Path.Combine(context.Folder("ponds"), spec.FolderName);
        var marker = Path.Combine(folder, CompleteMarker);
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == string.Join(' ', spec.DemoArguments("")))
        {
            context.Log($"Reusing the cached raw pond {folder}");
            return folder;
        }
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        context.Log($"Generating the raw pond {folder}: {spec.Days} days at scale {spec.Scale.ToString(CultureInfo.InvariantCulture)} (once; later runs reuse it)");
        var lastLogged = "";
        var result = ChildProcess.Run(ChildProcess.DotNetHost(), [context.EtlAssembly, .. spec.DemoArguments(folder)],
            context.RepositoryRoot, context.Cancellation, line =>
            {
                // The generator reports every second; a line per day written is enough here.
                if (DemoProgress().Match(line) is { Success: true } match && match.Groups["done"].Value != lastLogged)
                {
                    lastLogged = match.Groups["done"].Value;
                    context.Log($"  generated {match.Groups["done"].Value}/{match.Groups["total"].Value} days, {long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture):N0} arrivals");
                }
            });
        if (result.ExitCode != 0)
        {
            throw new BenchFailedException($"demo exited with {result.ExitCode} generating {folder}:{Environment.NewLine}{result.Tail()}");
        }
        File.WriteAllText(marker, string.Join(' ', spec.DemoArguments("")) + "\n");
        context.Log($"Raw pond ready in {result.Elapsed.TotalSeconds:F0} s");
        return folder;
    }

    /// <summary>A fresh pond at <paramref name="pond"/> holding the raw pond's files as hard links (a copy where linking fails).</summary>
    public static void FreshCopy(BenchContext context, string raw, string pond)
    {
        if (Directory.Exists(pond))
        {
            Directory.Delete(pond, recursive: true);
        }
        Directory.CreateDirectory(pond);
        foreach (var mode in new[] { "-al", "-a" })
        {
            var copy = ChildProcess.Run("cp", [mode, raw + "/.", pond], context.RepositoryRoot, context.Cancellation);
            if (copy.ExitCode == 0)
            {
                File.Delete(Path.Combine(pond, CompleteMarker));
                return;
            }
        }
        throw new BenchFailedException($"Could not copy {raw} to {pond}.");
    }

    /// <summary>
    /// A pond derived from the raw pond of <paramref name="spec"/> by the job (2 threads, 4 GB), with
    /// its stats.db: cached like the raw pond, for the site benchmark.
    /// </summary>
    public static string Derived(BenchContext context, RawPondSpec spec)
    {
        var raw = Raw(context, spec);
        var pond = Path.Combine(context.Folder("ponds"), spec.FolderName.Replace("raw-", "derived-", StringComparison.Ordinal));
        var marker = Path.Combine(pond, CompleteMarker);
        if (File.Exists(marker) && File.Exists(Path.Combine(pond, "stats.db")))
        {
            context.Log($"Reusing the cached derived pond {pond}");
            return pond;
        }
        FreshCopy(context, raw, pond);
        context.Log($"Deriving {pond} (run --skip-bq, 2 threads)");
        var result = JobRun.Start(context, pond, spec, cpus: 2, memoryLimitGb: 4, onPartition: null);
        if (result.Child.ExitCode != 0)
        {
            throw new BenchFailedException($"run exited with {result.Child.ExitCode} on {pond}:{Environment.NewLine}{result.Child.Tail()}");
        }
        File.WriteAllText(marker, "derived\n");
        return pond;
    }

    [GeneratedRegex(@"Progress demo: (?<done>\d+)/(?<total>\d+) partitions, (?<rows>\d+) rows")]
    private static partial Regex DemoProgress();
}
