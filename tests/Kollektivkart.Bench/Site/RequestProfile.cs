using System.Text.Json;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// Where a request's time goes, from a dotnet-trace "sampled thread time" trace (speedscope): every stretch of time a
/// thread spent inside Kestrel's request loop, put in one <see cref="Part"/> by the frames on its stack.
/// </summary>
public sealed record RequestProfile(IReadOnlyDictionary<string, double> Milliseconds)
{
    /// <summary>The parts, in the order a request meets them.</summary>
    public static readonly IReadOnlyList<string> Parts =
    [
        StatsDbNative, StatsDbRows, PageModel, Rendering, Json, Compression, Gc, Http,
    ];

    public const string StatsDbNative = "stats.db: DuckDB (native: planning, executing, fetching)";
    public const string StatsDbRows = "stats.db: rows into .NET objects";
    public const string PageModel = "the site's code building the view";
    public const string Rendering = "Razor rendering";
    public const string Json = "JSON writing";
    public const string Compression = "compression";
    public const string Gc = "paused for garbage collection";
    public const string Http = "HTTP, routing and middleware";

    private const string RequestLoop = "HttpProtocol+<ProcessRequests>";

    public double Total => Milliseconds.Values.Sum();

    /// <summary>Each part's share of the time threads spent on requests.</summary>
    public double Share(string part) => Total == 0 ? 0 : Milliseconds.GetValueOrDefault(part) / Total;

    public static RequestProfile Read(string speedscopeFile)
    {
        using var stream = File.OpenRead(speedscopeFile);
        using var document = JsonDocument.Parse(stream);
        var frames = document.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "").ToList();
        var parts = frames.Select(PartOf).ToList();
        var inRequest = frames.Select(f => f.Contains(RequestLoop, StringComparison.Ordinal)).ToList();
        var native = frames.Select(f => f == "UNMANAGED_CODE_TIME").ToList();
        var totals = Parts.ToDictionary(p => p, _ => 0.0);
        foreach (var profile in document.RootElement.GetProperty("profiles").EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented")
            {
                continue;
            }
            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } from && stack.Count > 0 && stack.Any(f => inRequest[f]))
                {
                    totals[Classify(stack, parts, native)] += at - from;
                }
                last = at;
                var frame = e.GetProperty("frame").GetInt32();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(frame);
                }
                else if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
        return new RequestProfile(totals);
    }

    /// <summary>
    /// A stack's part: a garbage collection pause wherever it happens; otherwise the part of the frame nearest the
    /// request loop among the libraries' parts (so JSON written inside a Razor view is rendering, and reading rows inside
    /// a query is the query), stats.db work split by whether the thread was in native code (DuckDB) or in .NET; the
    /// site's own code when only it is on the stack; else HTTP.
    /// </summary>
    private static string Classify(List<int> stack, List<string?> parts, List<bool> native)
    {
        if (stack.Any(f => parts[f] == Gc))
        {
            return Gc;
        }
        var site = false;
        foreach (var frame in stack)
        {
            switch (parts[frame])
            {
                case null:
                    break;
                case PageModel:
                    site = true;
                    break;
                case StatsDbNative:
                    return native[stack[^1]] ? StatsDbNative : StatsDbRows;
                case var part:
                    return part;
            }
        }
        return site ? PageModel : Http;
    }

    private static string? PartOf(string frame) => frame switch
    {
        _ when frame.Contains("PollGC", StringComparison.Ordinal) || frame.Contains("GCHeap", StringComparison.Ordinal) => Gc,
        _ when frame.StartsWith("Kollektivkart.Data!", StringComparison.Ordinal) || frame.StartsWith("DuckDB.NET", StringComparison.Ordinal) => StatsDbNative,
        // The compression middleware's end of an answer (compressing it whole, then writing it out) and the streams.
        _ when frame.Contains("FinishCompressionAsync", StringComparison.Ordinal) || frame.Contains("Compression+WholeAnswerBrotli", StringComparison.Ordinal)
            || frame.StartsWith("System.IO.Compression", StringComparison.Ordinal) => Compression,
        _ when frame.StartsWith("Microsoft.AspNetCore.Mvc.Razor!", StringComparison.Ordinal)
            || frame.StartsWith("Microsoft.AspNetCore.Mvc.ViewFeatures!", StringComparison.Ordinal)
            || frame.StartsWith("Microsoft.AspNetCore.Razor", StringComparison.Ordinal) => Rendering,
        _ when frame.StartsWith("System.Text.Json!", StringComparison.Ordinal) => Json,
        _ when frame.StartsWith("Kollektivkart.Web!", StringComparison.Ordinal) && !frame.Contains("Kollektivkart.Web.Serving", StringComparison.Ordinal)
            && !frame.Contains("Kollektivkart.Web.Api.ApiCors", StringComparison.Ordinal) => PageModel,
        _ => null,
    };
}
