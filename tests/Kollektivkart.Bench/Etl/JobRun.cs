using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Etl;

/// <summary>One partition the job wrote, from its log line: step, partition (a day, a month, a file), rows, seconds.</summary>
public sealed record PartitionTiming(string Step, string Partition, long Rows, double Seconds);

/// <summary>
/// The nightly job, <c>run --skip-bq</c>, as a child process on a pond folder, with what its log
/// says about each partition and step.
/// </summary>
public sealed partial record JobRun(
    ChildResult Child, IReadOnlyList<PartitionTiming> Partitions, IReadOnlyDictionary<string, double> StepSeconds, string? StatsDbTables)
{
    public IReadOnlyList<PartitionTiming> Of(string step) => Partitions.Where(p => p.Step == step).ToList();

    public double? Step(string step) => StepSeconds.TryGetValue(step, out var seconds) ? seconds : null;

    public static JobRun Start(BenchContext context, string pond, RawPondSpec spec, int cpus, double memoryLimitGb,
        Action<PartitionTiming>? onPartition)
    {
        string[] arguments =
        [
            context.EtlAssembly, "run", pond, "--skip-bq",
            "--max-cpus", cpus.ToString(CultureInfo.InvariantCulture),
            "--memory-limit-gb", memoryLimitGb.ToString(CultureInfo.InvariantCulture),
            "--from-date", spec.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ];
        var partitions = new List<PartitionTiming>();
        var result = ChildProcess.Run(ChildProcess.DotNetHost(), arguments, context.RepositoryRoot, context.Cancellation,
            line =>
            {
                if (PartitionWritten().Match(line) is { Success: true } match)
                {
                    var partition = new PartitionTiming(match.Groups["step"].Value, match.Groups["partition"].Value,
                        long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture),
                        double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture));
                    partitions.Add(partition);
                    onPartition?.Invoke(partition);
                }
            },
            // The benchmark measures the derivation: no push to a CDN the caller's shell may be configured for.
            new Dictionary<string, string?> { ["BUNNY_STORAGE_ZONE"] = null, ["BUNNY_STORAGE_KEY"] = null, ["BUNNY_API_KEY"] = null });
        var steps = new Dictionary<string, double>();
        string? tables = null;
        foreach (var line in result.Output)
        {
            if (StepDone().Match(line) is { Success: true } match)
            {
                steps[match.Groups["step"].Value] = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            }
            else if (StatsDbTablesBuilt().Match(line) is { Success: true } tablesMatch)
            {
                tables = tablesMatch.Groups["tables"].Value;
            }
        }
        return new JobRun(result, partitions, steps, tables);
    }

    [GeneratedRegex(@"Partition (?<step>\S+) (?<partition>\S+) written: (?<rows>\d+) rows in (?<seconds>[\d.]+) s")]
    private static partial Regex PartitionWritten();

    [GeneratedRegex(@"Step (?<step>\S+) done: \d+ partitions, \d+ rows in (?<seconds>[\d.]+) s")]
    private static partial Regex StepDone();

    [GeneratedRegex(@"stats\.db tables built: (?<tables>.*)$")]
    private static partial Regex StatsDbTablesBuilt();
}
