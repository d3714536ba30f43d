using System.CommandLine;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// The site at national scale: time to /ready, memory, latency and throughput under load.
/// Placeholder entry point: the site benchmark replaces this file, keeping these two members.
/// </summary>
public static class SiteBenchmarks
{
    /// <summary>Options of the <c>site</c> command (also offered by <c>all</c>).</summary>
    public static IReadOnlyList<Option> Options { get; } = [];

    public static Section Run(BenchContext context, ParseResult parsed)
    {
        context.Warn("site: not yet implemented");
        return Section.NotRun("site", "Site at national scale", "Not yet implemented.");
    }
}
