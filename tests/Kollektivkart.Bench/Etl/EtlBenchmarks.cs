using System.Globalization;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Etl;

/// <summary>The etl command's settings: national days, runs per thread count, thread counts, DuckDB's memory limit.</summary>
public sealed record EtlBenchSettings(int Days, int Runs, IReadOnlyList<int> Cpus, double MemoryLimitGb);

/// <summary>
/// The nightly job at national scale: <c>run --skip-bq</c> as a child process on a fresh pond
/// holding the cached raw days, once per run and thread count. Per-day and per-month figures are
/// medians over the partitions of all runs (their log lines); whole-run figures are over runs.
/// Each day's legs time is set against DuckDB reading that day's raw parquet once.
/// </summary>
public static class EtlBenchmarks
{
    public const int DefaultDays = 30;
    public const double DefaultMemoryLimitGb = 4;

    /// <summary>30 national days take about 5 minutes a thread count; one run each keeps the command near 15 minutes.</summary>
    public const int DefaultRuns = 1;

    /// <summary>Seconds per national operating day for legs seen so far on 2 cores (README figures), for the estimate only.</summary>
    private const double EstimatedLegsSecondsPerDayOneThread = 8;

    public static Section Run(BenchContext context, EtlBenchSettings settings)
    {
        var spec = RawPondSpec.For(context, settings.Days);
        PrintEstimate(context, spec, settings);
        var raw = NationalPond.Raw(context, spec);

        var figures = new List<Figure>();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Raw pond: `demo --from {spec.From:yyyy-MM-dd} --days {spec.Days} --scale {spec.Scale} --seed {spec.Seed}`. Each run: `run <fresh pond> --skip-bq --max-cpus N --memory-limit-gb {settings.MemoryLimitGb} --from-date {spec.From:yyyy-MM-dd}` as a child process, on a new pond holding the raw files as hard links; {settings.Runs} run(s) per thread count{(settings.Runs == DefaultRuns ? " (the default: per-day and per-month medians come from the days and months of that run; --runs repeats it)" : "")}."),
            "Per-day and per-month figures: every partition of every run (the job logs each partition's duration); whole-run figures: one sample per run. Bare read: DuckDB in the bench process, same threads and memory limit, reading the day's raw parquet once with a hash of every column (`SELECT count(*), bit_xor(hash(COLUMNS(*)))`).",
        };
        foreach (var cpus in settings.Cpus)
        {
            figures.AddRange(Measure(context, spec, raw, cpus, settings, notes));
        }
        return new Section("etl", string.Create(CultureInfo.InvariantCulture,
            $"Nightly job (run --skip-bq) on {spec.Days} days at scale {spec.Scale}, --memory-limit-gb {settings.MemoryLimitGb}"), figures, notes);
    }

    private static void PrintEstimate(BenchContext context, RawPondSpec spec, EtlBenchSettings settings)
    {
        var generating = File.Exists(Path.Combine(context.WorkFolder, "ponds", spec.FolderName, ".bench-complete")) ? 0 : spec.Days * 5.5 * spec.Scale;
        var running = settings.Cpus.Sum(cpus => settings.Runs * spec.Days * spec.Scale * (EstimatedLegsSecondsPerDayOneThread / Math.Min(cpus, 2) + 3));
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"etl: {spec.Days} days at scale {spec.Scale}, {settings.Runs} run(s) with --max-cpus {string.Join(" and ", settings.Cpus)}: roughly {(generating + running) / 60 + 0.5:F0} min ({generating / 60:F0} min generating the raw pond unless cached); refined after the first day"));
    }

    private static IEnumerable<Figure> Measure(BenchContext context, RawPondSpec spec, string raw, int cpus, EtlBenchSettings settings, List<string> notes)
    {
        var label = cpus == 1 ? "1 thread" : $"{cpus} threads";
        var runs = new List<JobRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var pond = Path.Combine(context.Folder("etl"), $"pond-cpus{cpus}");
            NationalPond.FreshCopy(context, raw, pond);
            context.Log($"etl {label}, run {run}/{settings.Runs}: run --skip-bq on {pond}");
            var legsDone = 0;
            var job = JobRun.Start(context, pond, spec, cpus, settings.MemoryLimitGb, partition =>
            {
                var extra = "";
                if (partition.Step == "legs")
                {
                    legsDone++;
                    var left = (spec.Days - legsDone) * partition.Seconds;
                    extra = string.Create(CultureInfo.InvariantCulture, $", legs about {left / 60:F1} min to go at this pace");
                }
                context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"  {label}: {partition.Step} {partition.Partition}: {partition.Rows:N0} rows in {partition.Seconds:F1} s{extra}"));
            });
            if (job.Child.ExitCode != 0)
            {
                throw new BenchFailedException($"run --max-cpus {cpus} exited with {job.Child.ExitCode} on {pond}:{Environment.NewLine}{job.Child.Tail()}");
            }
            context.Log($"etl {label}, run {run}: {job.Child.Elapsed.TotalSeconds:F0} s, peak RSS {job.Child.PeakRssMb:N0} MB");
            runs.Add(job);
        }

        // A run with nothing to do: the process with its runtime and DuckDB loaded, the share that is not DuckDB's working memory.
        var lastPond = Path.Combine(context.WorkFolder, "etl", $"pond-cpus{cpus}");
        // Three of them, and their median: one such run once peaked at several times the others'.
        var idle = Enumerable.Range(0, 3)
            .Select(_ => JobRun.Start(context, lastPond, spec, cpus, settings.MemoryLimitGb, onPartition: null).Child.PeakRssMb)
            .ToList();
        var ownShareMb = Median(idle) ?? 0;

        context.Log($"etl {label}: DuckDB reading each day's raw parquet once (the lower bound)");
        var bare = BareRead.Days(raw, spec.OperatingDays, cpus, settings.MemoryLimitGb, context.Cancellation);

        var legs = runs.SelectMany(r => r.Of("legs")).ToList();
        bool IsWeekend(PartitionTiming p) => DateOnly.ParseExact(p.Partition, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek
            is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var ratios = legs.Select(p => p.Seconds / bare[DateOnly.ParseExact(p.Partition, "yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        var limitMb = settings.MemoryLimitGb * 1000;
        var onTwoCores = cpus >= 2;

        yield return Figure.Of($"legs per weekday, {label}", "s", legs.Where(p => !IsWeekend(p)).Select(p => p.Seconds),
            onTwoCores ? Target.NoMoreThan(60, "< 60 s a day on 2 cores") : null,
            $"{legs.Where(p => !IsWeekend(p)).Select(p => p.Rows).DefaultIfEmpty().Average():N0} legs a weekday");
        yield return Figure.Of($"legs per Saturday or Sunday, {label}", "s", legs.Where(IsWeekend).Select(p => p.Seconds));
        yield return Figure.Of($"DuckDB bare read of a day's raw parquet, {label}", "s", bare.Values);
        yield return Figure.Of($"legs / bare read, {label}", "ratio", ratios);
        yield return Figure.Of($"leg_stats per month, {label}", "s", runs.SelectMany(r => r.Of("leg_stats")).Select(p => p.Seconds),
            onTwoCores ? Target.NoMoreThan(300, "< 5 min a month on 2 cores") : null,
            string.Join(", ", runs[0].Of("leg_stats").Select(p => $"{p.Partition}: {p.Rows:N0} rows")));
        // Issue 21: punctuality's two steps against leg_stats. A night classifies its new day (departures) and recomputes
        // its month from that month's days (punctuality); the month figure is a whole month's recompute.
        var legStatsMonth = Median(runs.SelectMany(r => r.Of("leg_stats")).Select(p => p.Seconds));
        yield return Figure.Of($"departures per day (punctuality's daily part), {label}", "s", runs.SelectMany(r => r.Of("departures")).Select(p => p.Seconds),
            note: $"{runs[0].Of("departures").Select(p => p.Rows).DefaultIfEmpty().Average():N0} departures and final arrivals a day");
        yield return Figure.Of($"punctuality per month, {label}", "s", runs.SelectMany(r => r.Of("punctuality")).Select(p => p.Seconds),
            legStatsMonth is { } legStats ? Target.NoMoreThan(legStats, $"<= leg_stats per month ({legStats:F0} s)") : null,
            string.Join(", ", runs[0].Of("punctuality").Select(p => $"{p.Partition}: {p.Rows:N0} groups")));
        yield return Figure.Of($"lookups step (rescans all arrivals and legs), {label}", "s", runs.Select(r => r.Step("lookups")).OfType<double>());
        foreach (var lookup in new[] { "datasources.parquet", "stop_line.parquet" })
        {
            yield return Figure.Of($"  of which {lookup}, {label}", "s", runs.SelectMany(r => r.Of("lookups")).Where(p => p.Partition == lookup).Select(p => p.Seconds));
        }
        yield return Figure.Of($"stats.db step, {label}", "s", runs.Select(r => r.Step("stats.db")).OfType<double>());
        yield return Figure.Of($"whole run, {label}", "s", runs.Select(r => r.Child.Elapsed.TotalSeconds));
        yield return Figure.Of($"peak RSS, {label}", "MB", runs.Select(r => r.Child.PeakRssMb),
            Target.NoMoreThan(limitMb + ownShareMb, string.Create(CultureInfo.InvariantCulture,
                $"<= {limitMb:F0} MB limit + {ownShareMb:F0} MB own share")));
        yield return Figure.Of($"own share: a run with nothing to do, {label}", "MB", idle);

        if (runs[0].StatsDbTables is { } tables)
        {
            notes.Add($"stats.db tables, {label}, run 1: {tables}.");
        }
        var weekdayLegs = Median(legs.Where(p => !IsWeekend(p)).Select(p => p.Seconds));
        var weekendLegs = Median(legs.Where(IsWeekend).Select(p => p.Seconds));
        var monthSeconds = Median(runs.SelectMany(r => r.Of("leg_stats")).Select(p => p.Seconds));
        if (!context.Quick && weekdayLegs is { } weekday && monthSeconds is { } month)
        {
            // The real deployment: about 700 million arrivals, 1.5 million a weekday: some 470 operating days, 16 months.
            var hours = (470 * (5 * weekday + 2 * (weekendLegs ?? weekday)) / 7 + 16 * month) / 3600;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"At this pace a full --invalidate of the real deployment's history (about 470 operating days, 16 months) takes about {hours:F1} h with {label}; the nightly run (one new day, its month, lookups and stats.db) takes one day's legs plus one month's leg_stats, lookups and stats.db."));
        }
    }

    private static double? Median(IEnumerable<double> values) => Figure.Of("", "", values).Median;
}
