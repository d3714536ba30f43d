using System.CommandLine;
using System.Globalization;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// Where the time of an uncached request goes, measured rather than guessed: the site on the national stats.db with
/// its output cache off, each view of the site benchmark asked at one connection by wrk while dotnet-trace samples the
/// site's threads, the trace split into <see cref="RequestProfile.Parts"/>, and each part given as milliseconds of the
/// request's p50 in that run.
/// </summary>
public static class ProfileBenchmarks
{
    public const int DefaultSeconds = 8;

    /// <summary>The dotnet-trace this command installs when it has none (the version the package list offers).</summary>
    private const string TraceVersion = "10.0.750501";

    private static readonly Option<int> Seconds = new("--profile-seconds")
    {
        Description = $"Seconds each view is traced (default {DefaultSeconds}; 2 with --quick).",
        DefaultValueFactory = _ => DefaultSeconds,
    };

    public static IReadOnlyList<Option> Options { get; } = [Seconds];

    public static Section Run(BenchContext context, ParseResult parsed)
    {
        if (!Wrk.Installed())
        {
            throw new BenchUsageException("wrk is not installed: apt-get install wrk");
        }
        var seconds = context.Quick ? 2 : Math.Max(2, parsed.GetValue(Seconds));
        var trace = DotnetTrace(context);
        var web = SiteBenchmarks.BuildSite(context);
        var pond = NationalStatsDb.Ensure(context, context.Quick ? NationalSpec.Quick : NationalSpec.Default);
        List<SiteBenchmarks.Request> requests;
        DateOnly month;
        using (var db = StatsDatabase.Open(Path.Combine(pond, PondLayout.StatsDb)))
        {
            month = db.Catalog.NewestMonth(DateOnly.FromDateTime(DateTime.Now)) ?? throw new BenchFailedException("stats.db offers no month.");
            requests = SiteBenchmarks.Requests(db, month).Where(r => r.Path.Length > 0).ToList();
        }
        var folder = context.Folder("profiles");
        var figures = new List<Figure>();
        var (site, _) = WebSite.Start(context, web, pond, new Dictionary<string, string>
        {
            ["Serving__OutputCache"] = "false",
            ["Serving__WarmUp"] = "false",
        });
        using (site)
        {
            foreach (var request in requests)
            {
                var url = new Uri(site.Address, request.Path);
                var headers = SiteBenchmarks.Headers(request);
                // Warm: the first requests of a view compile its code.
                Wrk.Run(context, url, 1, context.Quick ? 1 : 3, headers);
                site.WaitUntilIdle(context.Cancellation);
                var output = Path.Combine(folder, Slug(request.Name) + ".nettrace");
                var load = Task.Run(() => Wrk.Run(context, url, 1, seconds + 2, headers));
                Thread.Sleep(TimeSpan.FromSeconds(1));
                var collected = ChildProcess.Run(trace,
                    ["collect", "-p", site.Pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
                     "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture),
                     "--format", "Speedscope", "-o", output],
                    context.RepositoryRoot, context.Cancellation);
                var result = load.Result;
                var speedscope = Path.ChangeExtension(output, ".speedscope.json");
                if (collected.ExitCode != 0 || !File.Exists(speedscope))
                {
                    throw new BenchFailedException($"dotnet-trace failed on {request.Name}:{Environment.NewLine}{collected.Tail(10)}");
                }
                var profile = RequestProfile.Read(speedscope);
                figures.Add(Figure.Of($"{request.Name}: HTTP p50 at 1 connection while traced", "ms", [result.P50Ms]));
                foreach (var part in RequestProfile.Parts)
                {
                    figures.Add(Figure.Of($"{request.Name}: {part}", "ms", [result.P50Ms * profile.Share(part)],
                        note: string.Create(CultureInfo.InvariantCulture, $"{profile.Share(part):P0} of the sampled request time")));
                }
                context.Log(string.Create(CultureInfo.InvariantCulture,
                    $"profile: {request.Name}: p50 {result.P50Ms:F2} ms; ") + string.Join(", ", RequestProfile.Parts
                        .Where(p => profile.Share(p) >= 0.01)
                        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {profile.Share(p):P0}"))));
            }
        }
        var notes = new List<string>
        {
            $"The site (Release, output cache and warm-up off) on the national stats.db, month {month:yyyy-MM}, the site benchmark's requests. " +
            $"Each view: 3 s of wrk at one connection to warm it, then wrk at one connection while `dotnet-trace collect --profile dotnet-sampled-thread-time` " +
            $"samples every .NET thread for {seconds} s (traces in {folder}, openable in speedscope.app).",
            "Each sample of a thread inside Kestrel's request loop goes to one part by the frames on its stack: a garbage collection pause wherever it is; " +
            "else the outermost frame of a library part (DuckDB.NET and Kollektivkart.Data: stats.db, split by whether the thread was in native code; " +
            "Razor; System.Text.Json; compression); else the site's own code; else HTTP, routing and middleware. A part's milliseconds are its share of " +
            "the sampled time times the p50 of the traced run. DuckDB's own worker threads are native and not sampled: a request waiting for them counts " +
            "as DuckDB (native).",
        };
        return new Section("profile", "Where an uncached request's time goes (dotnet-trace)", figures, notes);
    }

    /// <summary>dotnet-trace from the work folder, installed there from NuGet the first time.</summary>
    private static string DotnetTrace(BenchContext context)
    {
        var tools = context.Folder("tools");
        var trace = Path.Combine(tools, "dotnet-trace");
        if (File.Exists(trace))
        {
            return trace;
        }
        context.Log($"profile: installing dotnet-trace {TraceVersion} into {tools}");
        var installed = ChildProcess.Run(ChildProcess.DotNetHost(),
            ["tool", "install", "--tool-path", tools, "dotnet-trace", "--version", TraceVersion], context.RepositoryRoot, context.Cancellation);
        return installed.ExitCode == 0 && File.Exists(trace)
            ? trace
            : throw new BenchFailedException($"installing dotnet-trace failed:{Environment.NewLine}{installed.Tail(10)}");
    }

    private static string Slug(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-');
}
