using System.Globalization;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Etl;

/// <summary>The nightly command's settings: the demo scale of the days, the job's threads and memory limit.</summary>
public sealed record NightlyBenchSettings(double Scale, int Cpus, double MemoryLimitGb);

/// <summary>
/// The nightly run as history grows (issue 13): one new operating day on a pond already derived with 30, 60 and 90
/// days before it. The new day is the same day for every history length, so its legs cost the same and only what
/// grows with history differs. The derived ponds are cached; each run works on a copy of hard links, so it never
/// alters the cache (the job replaces files, it never writes into one).
/// </summary>
public static class NightlyBenchmarks
{
    public const double DefaultScale = 0.25;

    /// <summary>The issue's target: the run at 90 days of history at most 1.3 times the run at 30 (leg_stats excluded).</summary>
    private const double RatioTarget = 1.3;

    /// <summary>A Monday, first of its month and no holiday: its leg_stats month holds only itself.</summary>
    private static readonly DateOnly NewDay = new(2025, 9, 1);

    public static Section Run(BenchContext context, NightlyBenchSettings settings)
    {
        int[] histories = context.Quick ? [2, 4, 6] : [30, 60, 90];
        var scale = context.Quick ? 0.02 : settings.Scale;
        var longest = histories.Max();
        var spec = new RawPondSpec(NewDay.AddDays(-longest), longest + 1, scale, 1);
        var raw = NationalPond.Raw(context, spec);
        var runs = Math.Max(context.Runs, 1);
        var results = new Dictionary<int, List<JobRun>>();
        foreach (var history in histories)
        {
            var derived = Derived(context, spec, raw, history, settings);
            results[history] = Enumerable.Range(1, runs).Select(run =>
            {
                var pond = Path.Combine(context.Folder("nightly"), $"pond-{history}d");
                NationalPond.FreshCopy(context, derived, pond);
                LinkDay(context, raw, pond, NewDay);
                var job = RunJob(context, pond, NewDay.AddDays(-history), settings, $"{history} days of history, run {run}/{runs}");
                context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"nightly {history} days, run {run}: {job.Child.Elapsed.TotalSeconds:F1} s ({string.Join(", ", job.StepSeconds.Select(s => $"{s.Key} {s.Value:F2} s"))})"));
                return job;
            }).ToList();
        }

        var figures = new List<Figure>();
        foreach (var history in histories)
        {
            foreach (var step in new[] { "legs", "leg_stats", "departures", "punctuality", "lookups", "stats.db" })
            {
                figures.Add(Figure.Of($"{history} days: {step} step", "s", results[history].Select(r => r.Step(step)).OfType<double>()));
            }
            figures.Add(Figure.Of($"{history} days: whole run", "s", results[history].Select(r => r.Child.Elapsed.TotalSeconds)));
            figures.Add(Figure.Of($"{history} days: whole run without leg_stats", "s", results[history].Select(WithoutLegStats)));
        }
        var shortest = histories.Min();
        var baseline = Median(results[shortest].Select(WithoutLegStats));
        foreach (var history in histories.Where(h => h != shortest))
        {
            var name = $"whole run without leg_stats, {history} / {shortest} days";
            var target = history == longest ? Target.NoMoreThan(RatioTarget, $"<= {RatioTarget} (issue 13)") : null;
            figures.Add(Median(results[history].Select(WithoutLegStats)) is { } median && baseline is > 0
                ? Figure.Of(name, "ratio", [median / baseline.Value], target, "ratio of the medians")
                : Figure.Missing(name, "ratio", "no run to compare", target));
        }
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Raw pond: `demo --from {spec.From:yyyy-MM-dd} --days {spec.Days} --scale {scale} --seed {spec.Seed}` (scale {scale}: about {scale * 1.5:F2} million arrivals a weekday). For each history length H, a pond derived once (cached) from the H days before {NewDay:yyyy-MM-dd}; each run: that pond as hard links plus the raw day {NewDay:yyyy-MM-dd}, then `run <pond> --skip-bq --max-cpus {settings.Cpus} --memory-limit-gb {settings.MemoryLimitGb} --from-date <first day>` as a child process, {runs} run(s) per history length."),
            $"The new day is the same Monday for every history length and its leg_stats month holds only that day, so legs and leg_stats cost the same at every length; the lookups and stats.db steps are what may grow. 'Without leg_stats' is the whole run's wall time (process start included) less its leg_stats step.",
        };
        if (results[longest][0].StatsDbTables is { } tables)
        {
            notes.Add($"stats.db tables at {longest} days, run 1: {tables}.");
        }
        return new Section("nightly", string.Create(CultureInfo.InvariantCulture,
            $"Nightly run with one new day after {string.Join(", ", histories)} days of history, scale {scale}, {settings.Cpus} thread(s)"), figures, notes);
    }

    private static double WithoutLegStats(JobRun run) => run.Child.Elapsed.TotalSeconds - (run.Step("leg_stats") ?? 0);

    /// <summary>The raw pond's <paramref name="history"/> days before the new day, derived by the job; cached.</summary>
    private static string Derived(BenchContext context, RawPondSpec spec, string raw, int history, NightlyBenchSettings settings)
    {
        var pond = Path.Combine(context.Folder("ponds"), spec.FolderName.Replace("raw-", $"nightly-{history}d-", StringComparison.Ordinal));
        var marker = Path.Combine(pond, ".bench-complete");
        if (File.Exists(marker))
        {
            context.Log($"Reusing the cached derived pond {pond}");
            return pond;
        }
        if (Directory.Exists(pond))
        {
            Directory.Delete(pond, recursive: true);
        }
        Directory.CreateDirectory(pond);
        foreach (var file in new[] { PondLayout.Stops, PondLayout.Quays })
        {
            File.CreateSymbolicLink(Path.Combine(pond, file), Path.Combine(raw, file));
        }
        var first = NewDay.AddDays(-history);
        for (var day = first; day < NewDay; day = day.AddDays(1))
        {
            LinkDay(context, raw, pond, day);
        }
        RunJob(context, pond, first, settings, $"deriving {history} days of history (once; later runs reuse it)");
        File.WriteAllText(marker, "derived\n");
        return pond;
    }

    /// <summary>Puts one raw day of the raw pond into <paramref name="pond"/> as hard links.</summary>
    private static void LinkDay(BenchContext context, string raw, string pond, DateOnly day)
    {
        var relative = PartitionRef.Day(PondLayout.Arrivals, day).RelativePath;
        var target = Path.Combine(pond, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var copy = ChildProcess.Run("cp", ["-al", Path.Combine(raw, relative), target], context.RepositoryRoot, context.Cancellation);
        if (copy.ExitCode != 0)
        {
            throw new BenchFailedException($"Could not link {relative} of {raw} into {pond}: {copy.Tail()}");
        }
    }

    private static JobRun RunJob(BenchContext context, string pond, DateOnly from, NightlyBenchSettings settings, string what)
    {
        context.Log($"nightly: {what}: run --skip-bq on {pond}");
        var job = JobRun.Start(context, pond, new RawPondSpec(from, 1, 1, 1), settings.Cpus, settings.MemoryLimitGb, onPartition: null);
        if (job.Child.ExitCode != 0)
        {
            throw new BenchFailedException($"run exited with {job.Child.ExitCode} on {pond} ({what}):{Environment.NewLine}{job.Child.Tail()}");
        }
        return job;
    }

    private static double? Median(IEnumerable<double> values) => Figure.Of("", "", values).Median;
}
