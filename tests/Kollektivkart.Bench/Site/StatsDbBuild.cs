using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// What stats.db costs at national scale: the job's stats.db step (built by its own <c>run --skip-bq</c> after removing
/// stats.db), the part of it that builds the punctuality tables (issue 21), the file's size and the punctuality
/// tables' share of it, from DuckDB's storage info (the blocks each table's columns occupy).
/// </summary>
public static partial class StatsDbBuild
{
    /// <summary>Issue 21's bound: the punctuality tables add at most 35 % to stats.db.</summary>
    private const double GrowthTarget = 35;

    private const long BlockSize = 262_144;

    public static IReadOnlyList<Figure> Measure(BenchContext context, string pond, int runs)
    {
        var statsDb = Path.Combine(pond, PondLayout.StatsDb);
        var seconds = new List<double>();
        var punctualitySeconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            File.Delete(statsDb);
            var step = NationalStatsDb.RunJob(context, ["run", pond, "--skip-bq"], "build stats.db");
            seconds.Add(Seconds(step.Output, StatsDbStepDone())
                ?? throw new BenchFailedException($"the job's output on {pond} names no stats.db step time:{Environment.NewLine}{step.Tail()}"));
            if (Seconds(step.Output, PunctualityTables()) is { } tables)
            {
                punctualitySeconds.Add(tables);
            }
            context.Log(string.Create(CultureInfo.InvariantCulture, $"site: stats.db built in {seconds[^1]:F1} s ({run}/{runs})"));
        }
        var size = new FileInfo(statsDb).Length / 1e6;
        var (punctuality, others) = TableSizes(statsDb);
        var growth = 100 * punctuality / others;
        return
        [
            Figure.Of("stats.db step", "s", seconds),
            Figure.Of("  of which the punctuality tables", "s", punctualitySeconds),
            Figure.Of("stats.db size", "MB", [size]),
            Figure.Of("  of which the punctuality tables (blocks they occupy)", "MB", [punctuality]),
            Figure.Of("  the other tables (blocks they occupy)", "MB", [others]),
            Figure.Of("stats.db growth from the punctuality tables", "%", [growth],
                Target.NoMoreThan(GrowthTarget, $"<= {GrowthTarget} % (issue 21)"), "punctuality tables / the other tables"),
        ];
    }

    /// <summary>MB of the blocks the punctuality tables occupy, and of those the other tables occupy.</summary>
    private static (double Punctuality, double Others) TableSizes(string statsDb)
    {
        using var connection = DuckDbConnections.Open(statsDb, readOnly: true);
        var tables = new List<string>();
        using (var reader = connection.Query("SELECT table_name FROM duckdb_tables() ORDER BY table_name"))
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        double punctuality = 0, others = 0;
        foreach (var table in tables)
        {
            var blocks = connection.Scalar<long>($"SELECT count(DISTINCT block_id) FROM pragma_storage_info('{table}') WHERE block_id >= 0");
            var mb = blocks * BlockSize / 1e6;
            if (table.StartsWith("punctuality_", StringComparison.Ordinal))
            {
                punctuality += mb;
            }
            else
            {
                others += mb;
            }
        }
        return (punctuality, others);
    }

    private static double? Seconds(IEnumerable<string> output, Regex pattern) =>
        output.Select(line => pattern.Match(line)).LastOrDefault(m => m.Success) is { } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The job logs "Step stats.db done: 1 partitions, N rows in S s".</summary>
    [GeneratedRegex(@"Step stats\.db done: .* in ([0-9.]+) s")]
    private static partial Regex StatsDbStepDone();

    /// <summary>The job logs "stats.db tables built: ..., punctuality S s, ...".</summary>
    [GeneratedRegex(@"stats\.db tables built: .*punctuality ([0-9.]+) s")]
    private static partial Regex PunctualityTables();
}
