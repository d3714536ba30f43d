using System.Globalization;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Bench.Site;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Etl;

/// <summary>The history command's settings: the job's threads and memory limit.</summary>
public sealed record HistoryBenchSettings(int Cpus, double MemoryLimitGb);

/// <summary>
/// The nightly run at national scale as months of history pile up (issue 22): the site benchmark's national pond cut to
/// the newest 3 and 24 months of leg_stats and punctuality, each brought to "the previous night" (its newest month
/// without its last day, stats.db published for that state), then one night: the raw day put back and the job run,
/// timed. The new day and its month are the same at every length, so legs, leg_stats, departures and punctuality cost
/// the same; what grows with history is what reads every month (stats.db). Every pond here is made of hard links to
/// the cache, never symbolic ones, and the cache's stats.db and lock file are not linked at all: the job replaces
/// the files it writes, so the cache is never altered.
/// </summary>
public static class HistoryBenchmarks
{
    /// <summary>Issue 22's target: the stats.db step, and the whole night, at 24 months at most 1.3 times those at 3.</summary>
    private const double RatioTarget = 1.3;

    private static readonly string[] Steps = ["legs", "leg_stats", "departures", "punctuality", "lookups", "stats.db"];

    /// <summary>Not copied from a pond: the job's lock and staging (its own), the cache's markers, and stats.db (the previous night publishes its own).</summary>
    private static readonly HashSet<string> NotCopied = [".lock", ".staging", ".complete", ".generated", ".bench-complete", PondLayout.StatsDb];

    public static Section Run(BenchContext context, HistoryBenchSettings settings)
    {
        var spec = context.Quick ? NationalSpec.Quick : NationalSpec.Default;
        int[] histories = context.Quick ? [2, 3] : [3, 24];
        var national = NationalStatsDb.Ensure(context, spec);
        var newDay = Directory.EnumerateDirectories(Path.Combine(national, PondLayout.Arrivals), PondLayout.DayKey + "=*")
            .Select(folder => PondLayout.ParseDay(Path.GetFileName(folder)[(PondLayout.DayKey.Length + 1)..]))
            .Max();
        var runs = Math.Max(context.Runs, 1);
        var results = histories.ToDictionary(h => h, _ => new List<JobRun>());
        var cpu = histories.ToDictionary(h => h, _ => new List<double>());
        var sizes = histories.ToDictionary(h => h, _ => new List<double>());
        var notes = new List<string>();
        var previous = histories.ToDictionary(h => h, h => Path.Combine(context.Folder("history"), $"previous-{h}m"));
        foreach (var history in histories)
        {
            var setup = PreviousNight(context, national, previous[history], FirstMonth(spec, history), newDay, settings, history);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{history} months, the previous night (set-up, not timed as a night): {setup.Child.Elapsed.TotalSeconds:F0} s ({StepList(setup)}); stats.db {Megabytes(previous[history]):F0} MB."));
        }
        for (var run = 1; run <= runs; run++)
        {
            // The lengths take turns, in alternating order, so other work on the machine weighs on both alike.
            foreach (var history in run % 2 == 1 ? histories : histories.AsEnumerable().Reverse())
            {
                var firstMonth = FirstMonth(spec, history);
                var pond = Path.Combine(context.Folder("history"), $"night-{history}m");
                LinkCopy(context, previous[history], pond, firstMonth);
                // The job may build on the previous stats.db: a copy of its own, so no run alters the previous night's.
                File.Copy(Path.Combine(previous[history], PondLayout.StatsDb), Path.Combine(pond, PondLayout.StatsDb));
                LinkDay(context, national, pond, newDay);
                var load = LoadAverage();
                var cpuBefore = ChildrenCpuSeconds();
                var job = RunJob(context, pond, firstMonth, settings, $"{history} months of history, the night of {PondLayout.Format(newDay)}, run {run}/{runs}");
                cpu[history].Add(ChildrenCpuSeconds() - cpuBefore);
                results[history].Add(job);
                sizes[history].Add(Megabytes(pond));
                context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"history {history} months, run {run}: {job.Child.Elapsed.TotalSeconds:F1} s, {cpu[history][^1]:F0} s of CPU ({StepList(job)}), load before {load}"));
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{history} months, night {run}/{runs}: load average {load} before it; {job.Child.Elapsed.TotalSeconds:F1} s, {cpu[history][^1]:F0} s of CPU."));
                if (run == 1 && job.StatsDbTables is { } tables)
                {
                    notes.Add($"stats.db tables at {history} months, night 1: {tables}.");
                }
            }
        }

        var figures = new List<Figure>();
        foreach (var history in histories)
        {
            foreach (var step in Steps)
            {
                figures.Add(Figure.Of($"{history} months: {step} step", "s", results[history].Select(r => r.Step(step)).OfType<double>()));
            }
            figures.Add(Figure.Of($"{history} months: whole night", "s", results[history].Select(r => r.Child.Elapsed.TotalSeconds), note: "process start to exit"));
            figures.Add(Figure.Of($"{history} months: whole night's CPU time", "s", cpu[history], note: "user + system, the job's process"));
            figures.Add(Figure.Of($"{history} months: stats.db size", "MB", sizes[history]));
            // The job's own split of its stats.db step, per table or script, in the order it names them.
            foreach (var table in results[history].SelectMany(r => TableSeconds(r.StatsDbTables).Keys).Distinct())
            {
                figures.Add(Figure.Of($"{history} months:   stats.db table {table}", "s",
                    results[history].Select(r => TableSeconds(r.StatsDbTables).TryGetValue(table, out var s) ? s : (double?)null).OfType<double>()));
            }
        }
        var (shortest, longest) = (histories.Min(), histories.Max());
        figures.Add(Ratio($"stats.db step, {longest} / {shortest} months", results, shortest, longest, r => r.Step("stats.db")));
        figures.Add(Ratio($"whole night, {longest} / {shortest} months", results, shortest, longest, r => r.Child.Elapsed.TotalSeconds));
        var cpuRatio = $"whole night's CPU time, {longest} / {shortest} months";
        figures.Add(Median(cpu[longest]) is { } cpuTop && Median(cpu[shortest]) is double cpuBottom and > 0
            ? Figure.Of(cpuRatio, "ratio", [cpuTop / cpuBottom], note: "ratio of the medians; less swayed by other work than wall time")
            : Figure.Missing(cpuRatio, "ratio", "no run to compare"));
        notes.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"Pond: the site benchmark's national pond ({spec.Name}: {spec.BaseMonth:yyyy-MM} derived from demo data at scale {spec.Scale}, leg_stats and punctuality synthesised to {spec.Months} months), as hard links, keeping the newest {shortest} or {longest} months of leg_stats and punctuality. Previous night: the newest month without its last day {PondLayout.Format(newDay)} (its raw arrivals and every partition derived from it removed), the job run to publish stats.db. Each night: that pond as hard links with a copy of its stats.db, the raw day linked back, then `run <pond> --skip-bq --max-cpus {settings.Cpus} --memory-limit-gb {settings.MemoryLimitGb} --from-date <first month>` as a child process, {runs} night(s) per length. A night recomputes the new day's month (leg_stats, punctuality) at every length; what differs is the history stats.db is built from."));
        return new Section("history", string.Create(CultureInfo.InvariantCulture,
            $"Nightly run with one new day after {shortest} and {longest} months of history, national pond, {settings.Cpus} thread(s)"), figures, notes);
    }

    private static Figure Ratio(string name, Dictionary<int, List<JobRun>> results, int shortest, int longest, Func<JobRun, double?> value)
    {
        var target = Target.NoMoreThan(RatioTarget, $"<= {RatioTarget} (issue 22)");
        return Median(results[longest].Select(value).OfType<double>()) is { } top && Median(results[shortest].Select(value).OfType<double>()) is double bottom and > 0
            ? Figure.Of(name, "ratio", [top / bottom], target, "ratio of the medians")
            : Figure.Missing(name, "ratio", "no run to compare", target);
    }

    /// <summary>
    /// The national pond at <paramref name="history"/> months, on the night before <paramref name="newDay"/>: linked,
    /// the day removed, and the job run so that its month and stats.db match what is left.
    /// </summary>
    private static JobRun PreviousNight(BenchContext context, string national, string pond, DateOnly firstMonth, DateOnly newDay,
        HistoryBenchSettings settings, int history)
    {
        LinkCopy(context, national, pond, firstMonth);
        foreach (var dataset in Directory.EnumerateDirectories(pond))
        {
            var day = Path.Combine(dataset, $"{PondLayout.DayKey}={PondLayout.Format(newDay)}");
            if (Directory.Exists(day))
            {
                // Unlinks the copy's names only: the cache keeps its files.
                Directory.Delete(day, recursive: true);
            }
        }
        return RunJob(context, pond, firstMonth, settings, $"{history} months of history, the previous night (set-up)");
    }

    /// <summary>
    /// <paramref name="source"/> at <paramref name="pond"/> as hard links, symbolic links followed (the site's pond
    /// links the base pond's days), months of leg_stats and punctuality before <paramref name="firstMonth"/> left out.
    /// </summary>
    private static void LinkCopy(BenchContext context, string source, string pond, DateOnly firstMonth)
    {
        if (Directory.Exists(pond))
        {
            Directory.Delete(pond, recursive: true);
        }
        Directory.CreateDirectory(pond);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            if (NotCopied.Contains(name))
            {
                continue;
            }
            var target = Path.Combine(pond, name);
            var resolved = File.ResolveLinkTarget(entry, returnFinalTarget: true)?.FullName ?? entry;
            if (File.Exists(resolved))
            {
                Link(context, resolved, target);
            }
            else if (name is PondLayout.LegStats or PondLayout.Punctuality)
            {
                Directory.CreateDirectory(target);
                foreach (var month in Directory.EnumerateDirectories(resolved))
                {
                    var value = Path.GetFileName(month)[(PondLayout.MonthKey.Length + 1)..];
                    if (PondLayout.ParseDay(value) >= firstMonth)
                    {
                        Link(context, month, Path.Combine(target, Path.GetFileName(month)));
                    }
                }
            }
            else
            {
                Link(context, resolved, target);
            }
        }
        // A symbolic link left in the copy would let the job's deletions reach the cache.
        if (Directory.EnumerateFileSystemEntries(pond, "*", SearchOption.AllDirectories).FirstOrDefault(p => new FileInfo(p).LinkTarget is not null) is { } link)
        {
            throw new BenchFailedException($"{link} is a symbolic link: the copy of {source} would share files with it.");
        }
    }

    /// <summary>A file or folder as hard links (cp -al; a folder's contents, not its symbolic links).</summary>
    private static void Link(BenchContext context, string from, string to)
    {
        var copy = ChildProcess.Run("cp", ["-al", from, to], context.RepositoryRoot, context.Cancellation);
        if (copy.ExitCode != 0)
        {
            throw new BenchFailedException($"Could not link {from} to {to}: {copy.Tail()}");
        }
    }

    /// <summary>The raw arrivals of <paramref name="day"/> from the national pond, linked back into <paramref name="pond"/>.</summary>
    private static void LinkDay(BenchContext context, string national, string pond, DateOnly day)
    {
        var relative = PartitionRef.Day(PondLayout.Arrivals, day).RelativePath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(pond, relative))!);
        Link(context, Path.Combine(national, relative), Path.Combine(pond, relative));
    }

    private static JobRun RunJob(BenchContext context, string pond, DateOnly from, HistoryBenchSettings settings, string what)
    {
        context.Log($"history: {what}: run --skip-bq on {pond}");
        var job = JobRun.Start(context, pond, new RawPondSpec(from, 1, 1, 1), settings.Cpus, settings.MemoryLimitGb, onPartition: null);
        if (job.Child.ExitCode != 0)
        {
            throw new BenchFailedException($"run exited with {job.Child.ExitCode} on {pond} ({what}):{Environment.NewLine}{job.Child.Tail()}");
        }
        if (!File.Exists(Path.Combine(pond, PondLayout.StatsDb)))
        {
            throw new BenchFailedException($"run on {pond} ({what}) published no stats.db:{Environment.NewLine}{job.Child.Tail()}");
        }
        return job;
    }

    /// <summary>The job's "stats.db tables built: leg_stats 0.70 s, stops 0.46 s, ..." as seconds per name; none when it logs no such line.</summary>
    private static Dictionary<string, double> TableSeconds(string? tables)
    {
        var seconds = new Dictionary<string, double>();
        foreach (var part in (tables ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Trim().TrimEnd('.').Split(' ');
            if (words.Length >= 3 && words[^1] == "s" && double.TryParse(words[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                seconds[string.Join(' ', words[..^2])] = value;
            }
        }
        return seconds;
    }

    private static DateOnly FirstMonth(NationalSpec spec, int history) => spec.BaseMonth.AddMonths(1 - history);

    /// <summary>
    /// CPU seconds (user + system) of this process's children that have ended, from /proc/self/stat (cutime, cstime,
    /// in ticks of 1/100 s): the difference across one job is that job's CPU time, however busy the machine.
    /// </summary>
    private static double ChildrenCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The fields after the command name, which is in parentheses and may hold spaces: state is field 3, cutime 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string StepList(JobRun job) =>
        string.Join(", ", job.StepSeconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:F2} s")));

    private static double Megabytes(string pond) => new FileInfo(Path.Combine(pond, PondLayout.StatsDb)).Length / 1e6;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double? Median(IEnumerable<double> values) => Figure.Of("", "", values).Median;
}
