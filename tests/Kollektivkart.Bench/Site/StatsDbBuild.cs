using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// What day types cost stats.db at national scale: the job's stats.db step and the file it writes, on the national
/// pond and on a copy of it holding only the weekday rows (what stats.db held before day types, when every month had
/// one set of rows for Monday to Friday). Both are built by the job's own <c>run --skip-bq</c> after removing stats.db,
/// alternately, so other work on the machine weighs on both alike.
/// </summary>
public static partial class StatsDbBuild
{
    /// <summary>The issue's bound: building stats.db with day types takes at most twice as long as without.</summary>
    private const double RatioTarget = 2;

    public static IReadOnlyList<Figure> Measure(BenchContext context, string pond, int runs)
    {
        var weekdayPond = WeekdayCopy(context, pond);
        var seconds = new Dictionary<string, List<double>> { [pond] = [], [weekdayPond] = [] };
        var sizes = new Dictionary<string, double>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var target in new[] { weekdayPond, pond })
            {
                var statsDb = Path.Combine(target, PondLayout.StatsDb);
                File.Delete(statsDb);
                var step = NationalStatsDb.RunJob(context, ["run", target, "--skip-bq"], "build stats.db");
                var time = StepSeconds(step.Output) ?? throw new BenchFailedException($"the job's output on {target} names no stats.db step time:{Environment.NewLine}{step.Tail()}");
                seconds[target].Add(time);
                sizes[target] = new FileInfo(statsDb).Length / 1e6;
                context.Log(string.Create(CultureInfo.InvariantCulture, $"site: stats.db of {Path.GetFileName(target)} built in {time:F1} s, {sizes[target]:F0} MB ({run}/{runs})"));
            }
        }
        var ratios = seconds[pond].Zip(seconds[weekdayPond], (all, weekday) => all / weekday);
        return
        [
            Figure.Of("stats.db step, weekday rows only (as before day types)", "s", seconds[weekdayPond]),
            Figure.Of("stats.db step, every day type", "s", seconds[pond]),
            Figure.Of("stats.db step: every day type / weekday rows only", "x", ratios,
                Target.NoMoreThan(RatioTarget, $"<= {RatioTarget}x the build without day types")),
            Figure.Of("stats.db size, weekday rows only", "MB", [sizes[weekdayPond]]),
            Figure.Of("stats.db size, every day type", "MB", [sizes[pond]]),
        ];
    }

    /// <summary>
    /// The national pond with leg_stats cut to weekday rows; raw data, legs and lookups are links to the original.
    /// Each month keeps its record of source days, so the job rebuilds only stats.db.
    /// </summary>
    private static string WeekdayCopy(BenchContext context, string pond)
    {
        var copy = pond + "-weekday";
        if (File.Exists(Path.Combine(copy, ".complete")))
        {
            return copy;
        }
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }
        Directory.CreateDirectory(copy);
        foreach (var entry in Directory.EnumerateFileSystemEntries(pond))
        {
            var name = Path.GetFileName(entry);
            if (name is PondLayout.LegStats or PondLayout.StatsDb || name.StartsWith('.'))
            {
                continue;
            }
            var target = new FileInfo(entry).LinkTarget is { } linked ? Path.GetFullPath(linked, pond) : entry;
            if (Directory.Exists(target))
            {
                Directory.CreateSymbolicLink(Path.Combine(copy, name), target);
            }
            else
            {
                File.CreateSymbolicLink(Path.Combine(copy, name), target);
            }
        }
        using var connection = DuckDbConnections.OpenInMemory();
        foreach (var month in Directory.EnumerateDirectories(Path.Combine(pond, PondLayout.LegStats)))
        {
            var folder = Path.Combine(copy, PondLayout.LegStats, Path.GetFileName(month));
            Directory.CreateDirectory(folder);
            connection.Execute("COPY (FROM read_parquet($input) WHERE day_type = 'weekday') TO $output (FORMAT parquet, COMPRESSION zstd)",
                ("input", Path.Combine(month, "*.parquet")), ("output", Path.Combine(folder, "data.parquet")));
            if (File.Exists(Path.Combine(month, PondLayout.SourceDaysFile)))
            {
                File.Copy(Path.Combine(month, PondLayout.SourceDaysFile), Path.Combine(folder, PondLayout.SourceDaysFile));
            }
        }
        File.WriteAllText(Path.Combine(copy, ".complete"), "");
        context.Log($"site: {copy} holds the national pond's weekday leg_stats rows only");
        return copy;
    }

    /// <summary>The job logs "Step stats.db done: 1 partitions, N rows in S s".</summary>
    private static double? StepSeconds(IEnumerable<string> output) =>
        output.Select(line => StatsDbStepDone().Match(line)).LastOrDefault(m => m.Success) is { } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"Step stats\.db done: .* in ([0-9.]+) s")]
    private static partial Regex StatsDbStepDone();
}
