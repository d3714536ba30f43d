using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Generator;

/// <summary>
/// The demo generator at national scale, as a user runs it: the job's <c>demo</c> command as a
/// child process writing weekdays at <c>--scale 1</c> into an empty pond, once per run.
/// </summary>
public static partial class GeneratorBenchmarks
{
    public const int DefaultDays = 3;

    /// <summary>A Monday: the default three days are weekdays, the busiest kind.</summary>
    public static readonly DateOnly From = new(2025, 4, 7);

    public static Section Run(BenchContext context, int days)
    {
        var scale = context.Quick ? 0.05 : 1.0;
        days = context.Quick ? 1 : days;
        var arguments = new[]
        {
            context.EtlAssembly, "demo", "", "--from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--days", days.ToString(CultureInfo.InvariantCulture), "--scale", scale.ToString(CultureInfo.InvariantCulture), "--seed", "1",
        };
        context.Log($"generator: {context.Runs} runs of demo --scale {scale} --days {days} (about {days * 6 * scale:F0} s each at national scale)");
        var rates = new List<double>();
        var seconds = new List<double>();
        var peaks = new List<double>();
        long arrivals = 0;
        for (var run = 1; run <= context.Runs; run++)
        {
            var lastDay = "";
            var pond = Path.Combine(context.Folder("generator"), "pond");
            if (Directory.Exists(pond))
            {
                Directory.Delete(pond, recursive: true);
            }
            arguments[2] = pond;
            var result = ChildProcess.Run(ChildProcess.DotNetHost(), arguments, context.RepositoryRoot, context.Cancellation,
                line => lastDay = ShowDay(context, run, line, lastDay));
            if (result.ExitCode != 0)
            {
                throw new BenchFailedException($"demo exited with {result.ExitCode}:{Environment.NewLine}{result.Tail()}");
            }
            arrivals = result.Output.Select(l => PondReady().Match(l)).Where(m => m.Success)
                .Select(m => long.Parse(m.Groups["arrivals"].Value, CultureInfo.InvariantCulture)).LastOrDefault();
            if (arrivals == 0)
            {
                throw new BenchFailedException($"demo did not log how many arrivals it wrote:{Environment.NewLine}{result.Tail()}");
            }
            rates.Add(arrivals / result.Elapsed.TotalSeconds);
            seconds.Add(result.Elapsed.TotalSeconds);
            peaks.Add(result.PeakRssMb);
            context.Log($"generator run {run}/{context.Runs}: {arrivals:N0} arrivals in {result.Elapsed.TotalSeconds:F1} s ({arrivals / result.Elapsed.TotalSeconds:N0}/s), peak RSS {result.PeakRssMb:N0} MB");
            Directory.Delete(pond, recursive: true);
        }
        return new Section("generator", $"Demo generator at --scale {scale.ToString(CultureInfo.InvariantCulture)}, {days} weekdays a run",
        [
            Figure.Of("arrivals written per second", "arrivals/s", rates),
            Figure.Of("wall time per run", "s", seconds),
            Figure.Of("peak RSS", "MB", peaks),
        ],
        [
            $"Each run: `demo <empty pond> --from {From:yyyy-MM-dd} --days {days} --scale {scale.ToString(CultureInfo.InvariantCulture)} --seed 1` as a child process ({arrivals:N0} arrivals); wall time includes the process's start.",
            "Peak RSS: the largest VmRSS of the process and its children sampled every 50 ms, or its VmHWM if larger.",
        ]);
    }

    /// <summary>A line per day written (the generator reports every second); returns the days done so far.</summary>
    private static string ShowDay(BenchContext context, int run, string line, string lastDay)
    {
        var match = DayWritten().Match(line);
        if (!match.Success || match.Groups["done"].Value == lastDay)
        {
            return lastDay;
        }
        context.Log($"generator run {run}: {match.Groups["done"].Value}/{match.Groups["total"].Value} days, {long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture):N0} arrivals");
        return match.Groups["done"].Value;
    }

    [GeneratedRegex(@"Demo pond ready: \d+ operating days, (?<arrivals>\d+) arrivals")]
    private static partial Regex PondReady();

    [GeneratedRegex(@"Progress demo: (?<done>\d+)/(?<total>\d+) partitions, (?<rows>\d+) rows")]
    private static partial Regex DayWritten();
}
