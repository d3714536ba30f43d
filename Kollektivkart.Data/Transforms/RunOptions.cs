using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Data.Transforms;

/// <summary>What a nightly run derives: days from <see cref="FromDate"/>; everything again with <see cref="Invalidate"/>.</summary>
public sealed record RunOptions(DateOnly FromDate, bool Invalidate = false, DuckDbSettings? DuckDb = null)
{
    /// <summary>The original's start of history.</summary>
    public static readonly DateOnly DefaultFromDate = new(2024, 1, 1);

    /// <summary>
    /// Rows per row group of the stats.db tables a build writes: DuckDB's default. A lookup reads whole row groups, and
    /// the tables are ordered by what pages look up (month, day type, stop or line key), so a stop's rows come from one
    /// of them. Smaller row groups (16,384) read fewer rows per lookup, but the page queries were no faster on the national
    /// benchmark and a query on a big table planned longer (issue 22's RESULTS.md). Tests set it lower to see a lookup
    /// skip row groups in small data.
    /// </summary>
    public int StatsDbRowGroupSize { get; init; } = 122_880;
}

/// <summary>Where a step is: partitions done of total, rows written so far.</summary>
public sealed record RunProgress(string Step, int Done, int Total, long Rows, TimeSpan Elapsed, string? Current);

public sealed record StepReport(string Step, int Partitions, long Rows, TimeSpan Duration);

public sealed record RunReport(IReadOnlyList<StepReport> Steps)
{
    public bool WroteNothing => Steps.Count == 0;
}
