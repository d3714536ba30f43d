namespace Kollektivkart.Bench.Results;

/// <summary>
/// One measured figure: every sample taken, summarised as median, min and max, with the issue's
/// target where it gives one. Samples are runs, or partitions (days, months) where a figure is per partition.
/// </summary>
public sealed record Figure(string Name, string Unit, IReadOnlyList<double> Samples, Target? Target = null, string? Note = null)
{
    public int Count => Samples.Count;
    public double? Median => Samples.Count == 0 ? null : MedianOf(Samples);
    public double? Min => Samples.Count == 0 ? null : Samples.Min();
    public double? Max => Samples.Count == 0 ? null : Samples.Max();

    /// <summary>Whether the median meets the target; null without a target or samples.</summary>
    public bool? Met => Target is { } target && Median is { } median ? target.IsMetBy(median) : null;

    public static Figure Of(string name, string unit, IEnumerable<double> samples, Target? target = null, string? note = null) =>
        new(name, unit, samples.ToList(), target, note);

    /// <summary>A figure that could not be measured (a step failed, a tool is missing): no samples, the reason as note.</summary>
    public static Figure Missing(string name, string unit, string reason, Target? target = null) => new(name, unit, [], target, reason);

    private static double MedianOf(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>A bound a figure's median must keep: at most (times, memory) or at least (throughput).</summary>
public sealed record Target(double Limit, bool AtMost, string Text)
{
    public static Target NoMoreThan(double limit, string text) => new(limit, true, text);
    public static Target NoLessThan(double limit, string text) => new(limit, false, text);

    public bool IsMetBy(double value) => AtMost ? value <= Limit : value >= Limit;
}

/// <summary>The figures of one benchmark (generator, etl, site), with what a reader needs to weigh them.</summary>
public sealed record Section(string Benchmark, string Title, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes)
{
    public static Section NotRun(string benchmark, string title, string reason) => new(benchmark, title, [], [reason]);
}

/// <summary>A whole bench run: where and when it ran, with what settings, and its sections.</summary>
public sealed record BenchReport(MachineFacts Machine, BenchSettings Settings, DateTimeOffset Started, TimeSpan Duration, IReadOnlyList<Section> Sections);

/// <summary>The command line's settings, kept with the results so a figure can be reproduced.</summary>
public sealed record BenchSettings(string Command, int Runs, bool Quick, string Configuration, IReadOnlyDictionary<string, string> Extra);
