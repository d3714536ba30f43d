using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Etl;

/// <summary>The etl command's settings: how many national days, which thread counts, DuckDB's memory limit.</summary>
public sealed record EtlBenchSettings(int Days, IReadOnlyList<int> Cpus, double MemoryLimitGb);

public static class EtlBenchmarks
{
    public const int DefaultDays = 30;
    public const double DefaultMemoryLimitGb = 4;

    public static Section Run(BenchContext context, EtlBenchSettings settings) =>
        Section.NotRun("etl", "ETL at national scale", "Not yet implemented.");
}
