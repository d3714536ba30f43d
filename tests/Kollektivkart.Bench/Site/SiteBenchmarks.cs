using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// The site at national scale (NationalStatsDb): time from process start to /ready 200 and memory; latency
/// percentiles and throughput under wrk at 1, 8 and 64 connections, with the output cache on (what production
/// serves) and off (every request queries and renders); the same requests' bare DuckDB query time in-process,
/// and the bytes a page, a fragment and the API put on the wire.
/// </summary>
public static class SiteBenchmarks
{
    public const int DefaultSeconds = 5;
    public const int Hour = 8;
    private const double P99TargetMs = 50;
    private const double StartTargetSeconds = 2;
    private const double RatioTarget = 1.5;
    private const double InMemoryMs = 0.1;
    private const double FirstViewTargetKb = 80;
    private const double WarmTargetSeconds = 60;

    /// <summary>A browser's Accept-Encoding: what the site compresses for.</summary>
    private const string BrowserEncodings = "gzip, deflate, br";

    /// <summary>Two shared links to one view, panned and zoomed apart.</summary>
    private static readonly string[] Positions = ["lat=59.91&lon=10.75&zoom=11", "lat=63.43&lon=10.39&zoom=13"];

    private static readonly Option<int> Seconds = new("--site-seconds")
    {
        Description = $"Seconds per wrk run (default {DefaultSeconds}; 1 with --quick).",
        DefaultValueFactory = _ => DefaultSeconds,
    };

    private static readonly Option<string> SiteBuild = new("--site-dll")
    {
        Description = "Kollektivkart.Web.dll to measure instead of this repository's build (e.g. an older commit's, for before and after).",
        HelpName = "file",
    };

    /// <summary>Options of the <c>site</c> command (also offered by <c>all</c>).</summary>
    public static IReadOnlyList<Option> Options { get; } = [Seconds, SiteBuild];

    public static Section Run(BenchContext context, ParseResult parsed)
    {
        var spec = context.Quick ? NationalSpec.Quick : NationalSpec.Default;
        var seconds = context.Quick ? 1 : Math.Max(1, parsed.GetValue(Seconds));
        var runs = context.Quick ? 1 : context.Runs;
        int[] connections = context.Quick ? [1, 8] : [1, 8, 64];
        if (!Wrk.Installed())
        {
            throw new BenchUsageException("wrk is not installed: apt-get install wrk");
        }
        var web = parsed.GetValue(SiteBuild) is { } other ? Path.GetFullPath(other) : BuildSite(context);
        if (!File.Exists(web))
        {
            throw new BenchUsageException($"{web} does not exist.");
        }
        var pond = NationalStatsDb.Ensure(context, spec);
        var statsDb = Path.Combine(pond, PondLayout.StatsDb);
        var figures = new List<Figure>(StatsDbBuild.Measure(context, pond, runs));
        var notes = new List<string>();

        // Open for the whole benchmark: the bare query time is taken again next to each one-connection run.
        using var db = StatsDatabase.Open(statsDb);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var month = db.Catalog.NewestMonth(today) ?? throw new BenchFailedException($"{statsDb} offers no month.");
        var requests = Requests(db, month);
        // Some requests are bare queries only, with no address of their own.
        var served = requests.Where(r => r.Path.Length > 0).ToList();
        notes.Add(string.Concat(
            FormattableString.Invariant($"Data: {statsDb} ({new FileInfo(statsDb).Length / 1e6:F0} MB), {db.Catalog.AggregatedCount:N0} leg_stats rows over {db.Catalog.Months.Count} months "),
            FormattableString.Invariant($"({db.Catalog.Months[0]:yyyy-MM} to {db.Catalog.Months[^1]:yyyy-MM}), {db.Catalog.DataSources.Count} operators. "),
            FormattableString.Invariant($"Made by `demo --from {spec.BaseFrom:yyyy-MM-dd} --days {spec.BaseDays} --scale {spec.Scale} --seed {spec.Seed}` and `run --skip-bq` "),
            FormattableString.Invariant($"(one month derived from {db.Catalog.ArrivalsCount:N0} arrivals and {db.Catalog.LegCount:N0} legs), that month's leg_stats copied to the "),
            FormattableString.Invariant($"{spec.Months - 1} months before it with variation per stretch, month and hour (tests/Kollektivkart.Bench/Site/extend_leg_stats.sql: "),
            "a seasonal swing of +-6 %, noise of +-5 % per month and +-8 % per hour, 3 % of stretches absent a month), and stats.db published ",
            "from all months by the job's `run --skip-bq`."));
        notes.Add("Requests (month " + month.ToString("yyyy-MM", CultureInfo.InvariantCulture) + $", hour {Hour}): " +
            string.Join("; ", served.Select(r => $"{r.Name} `{r.Path}`{(r.Fragment ? " with HX-Request: true" : "")}")));
        var bare = BareQueries(context, db, requests);
        foreach (var (queries, samples) in bare)
        {
            figures.Add(Figure.Of($"bare DuckDB query: {queries}", "ms", samples,
                note: "in-process, the query classes the page calls, on the same stats.db; median of many after a warm-up"));
        }

        var startRuns = context.Quick ? 1 : Math.Max(5, context.Runs);
        var readySeconds = new List<double>();
        var startRss = new List<double>();
        WebSite? site = null;
        try
        {
            for (var run = 1; run <= startRuns; run++)
            {
                site?.Dispose();
                (site, var ready) = WebSite.Start(context, web, pond);
                readySeconds.Add(ready.TotalSeconds);
                startRss.Add(site.RssMb);
                context.Log($"site: start {run}/{startRuns}: /ready 200 after {ready.TotalSeconds:F2} s, RSS {site.RssMb:F0} MB");
            }
            figures.Add(Figure.Of("process start to /ready 200", "s", readySeconds,
                Target.NoMoreThan(StartTargetSeconds, $"<= {StartTargetSeconds} s (original: about 10 s)")));
            figures.Add(Figure.Of("RSS after start", "MB", startRss));
            site!.Dispose();
            // The last start again, told to look for a newer stats.db every second, for the warm-up after a swap.
            (site, _) = WebSite.Start(context, web, pond, new Dictionary<string, string> { ["POND_REFRESH_SECONDS"] = "1" });
            figures.AddRange(WarmUp(context, site, statsDb, month, db.Catalog.DataSources.Select(s => s.Code).ToList()));

            figures.AddRange(WireBytes(context, site!, served));
            figures.AddRange(PositionHits(context, site!, served));
            figures.AddRange(Load(context, site!, db, served, connections, runs, seconds, "cached"));
            figures.Add(Figure.Of("RSS after the cached load", "MB", [site!.RssMb]));
            site.Dispose();

            (site, _) = WebSite.Start(context, web, pond, new Dictionary<string, string> { ["Serving__OutputCache"] = "false" });
            figures.AddRange(Load(context, site, db, served, connections, runs, seconds, "uncached"));
            figures.Add(Figure.Of("RSS after the uncached load", "MB", [site.RssMb]));
        }
        finally
        {
            site?.Dispose();
        }

        notes.Add($"Load: `wrk -t2 -cN -d{seconds}s --latency -H 'Accept-Encoding: {BrowserEncodings}' URL` (-t1 at one connection) on 127.0.0.1, " +
            $"{runs} runs per figure (median, min, max of the runs' percentiles). \"cached\": the site as deployed, output cache on, so repeated " +
            "requests for one address are served from memory after the first (one request per address before the runs warms it). " +
            "\"uncached\": the same requests with Serving__OutputCache=false: every request queries DuckDB and renders. " +
            "Before each run the bench waits until the site is idle, so requests wrk gave up on do not spill into the next run; " +
            "a figure without samples means no request completed within the run's time.");
        notes.Add($"Ratio: HTTP p50 at one connection divided by the median of 20 bare query times of the same request taken in this process right before that run (target: at most {RatioTarget}).");
        notes.Add("First view: the hot-spots page and the map data its script fetches, both with Brotli (the CSS and scripts come from the CDN and the browser's cache). " +
            "Another position: the view asked at one map position, then at another, with the output cache on; 1 when the second came from the cache (an Age header). " +
            "Warm-up: the site started with the output cache on (POND_REFRESH_SECONDS=1); the time from /ready 200, and from moving a copy of stats.db over the served one, " +
            "until /status reports the warm-up of that stats.db done; then the share of the newest month's hot-spots pages of every hour and each operator's legs page, " +
            "with their map data, that a browser's first request gets from the cache.");
        notes.Add($"Site build: {web}.");
        notes.Add($"Start: {startRuns} starts of `dotnet Kollektivkart.Web.dll` (Release), timed from process start to the first 200 from /ready (polled every 5 ms); RSS is VmRSS then.");
        return new Section("site", "Site on a national-scale stats.db", figures, notes);
    }

    /// <summary>One address the benchmark requests, and the queries its handler runs.</summary>
    internal sealed record Request(string Name, string Path, bool Fragment, string Queries, Action<StatsDatabase> Query, bool LatencyTarget);

    /// <summary>The rows a map view's table shows first (the site's MapState.FirstRows).</summary>
    private const int FirstRows = 100;

    internal static List<Request> Requests(StatsDatabase db, DateOnly month)
    {
        var target = db.Query(File.ReadAllText(Path.Combine(BuildOutputs.RepositoryRoot(), "tests", "Kollektivkart.Bench", "Site", "targets.sql")),
            r => (Stop: r.GetString(0), DataSource: r.GetString(1), LineRef: r.GetString(2), StretchFrom: r.GetString(3)), ("month", month)).Single();
        var monthPath = string.Create(CultureInfo.InvariantCulture, $"/{month.Year}/{month.Month}/{Hour}");
        var query = string.Create(CultureInfo.InvariantCulture, $"?month={month:yyyy-MM}&hour={Hour}");
        Action<StatsDatabase> hotSpots = d => MapQueries.HotSpots(d, month, Hour);
        // The page and its fragment read the rows they show and count the rest.
        Action<StatsDatabase> firstHotSpots = d =>
        {
            MapQueries.HotSpots(d, month, Hour, DayType.Weekday, FirstRows);
            MapQueries.HotSpotCount(d, month, Hour, DayType.Weekday);
        };
        return
        [
            new("hot-spots page", monthPath + "/hot-spots", false, "hot spots: the first rows and their count", firstHotSpots, true),
            new("hot-spots map data", monthPath + "/hot-spots?handler=map", false, "hot spots", hotSpots, false),
            new("hot-spots fragment", monthPath + "/hot-spots", true, "hot spots: the first rows and their count", firstHotSpots, true),
            new("stop page", $"/stops/{Uri.EscapeDataString(target.Stop)}{query}", false, "stop page (4 queries)", d =>
            {
                StopQueries.Find(d, target.Stop);
                StopQueries.Stretches(d, target.Stop, month, Hour);
                StopQueries.Delays(d, target.Stop, month, Hour, DayType.Weekday);
                StopQueries.Lines(d, target.Stop);
                PunctualityQueries.StopLinesLabelled(d, target.Stop, month, DayType.Weekday, Hour);
                PunctualityQueries.StopHours(d, target.Stop, month);
            }, true),
            new("line page", $"/lines/{target.DataSource}/{target.LineRef}{query}", false, "line page (3 queries)", d =>
            {
                LineQueries.Find(d, target.DataSource, target.LineRef);
                LineQueries.Route(d, target.DataSource, target.LineRef, month, Hour);
                PunctualityQueries.LineStopsAtHourAndWholeDay(d, target.DataSource, target.LineRef, month, DayType.Weekday, Hour);
                PunctualityQueries.LineMonths(d, target.DataSource, target.LineRef, DayType.Weekday);
            }, true),
            // Issue 22 measures every view: the stretch page and the comparison too.
            new("stretch page", $"/stretches/{Uri.EscapeDataString(target.StretchFrom)}/{Uri.EscapeDataString(target.Stop)}{query}", false, "stretch page (3 queries)", d =>
            {
                StretchQueries.Find(d, target.StretchFrom, target.Stop);
                StretchQueries.History(d, target.StretchFrom, target.Stop, DayType.Weekday, Hour);
                StretchQueries.Profile(d, target.StretchFrom, target.Stop, month, DayType.Weekday);
                StretchQueries.Exists(d, target.Stop, target.StretchFrom);
                StretchQueries.Lines(d, target.StretchFrom, target.Stop);
            }, true),
            new("comparison page", string.Create(CultureInfo.InvariantCulture, $"{monthPath}/comparison/{month.AddMonths(-1).Year}/{month.AddMonths(-1).Month}"), false,
                "comparison with the month before, all operators",
                d => MapQueries.Comparison(d, month, month.AddMonths(-1), Hour, null, null, DayType.Weekday), true),
            // Issue 21's views: punctuality on a map, an operator's page, the operators page and the API.
            new("punctuality page", monthPath + "/punctuality", false, "punctuality: every stop at the hour",
                d => PunctualityQueries.Stops(d, month, DayType.Weekday, Hour), true),
            new("punctuality map data", monthPath + "/punctuality?handler=map", false, "punctuality: every stop at the hour",
                d => PunctualityQueries.Stops(d, month, DayType.Weekday, Hour), false),
            new("operator page", $"/operators/{target.DataSource}?month={month:yyyy-MM}", false, "operator page (3 queries)", d =>
            {
                PunctualityQueries.OperatorMonths(d, target.DataSource, DayType.Weekday, d.Catalog.Months[0], month);
                LineQueries.Lines(d, target.DataSource);
                PunctualityQueries.Lines(d, target.DataSource, month, DayType.Weekday, null);
                PunctualityQueries.OperatorStops(d, target.DataSource, month, DayType.Weekday);
            }, true),
            new("operators page", $"/operators?month={month:yyyy-MM}", false, "operators page: stretches and 12 months of punctuality", d =>
            {
                OperatorQueries.Stretches(d, month, DayType.Weekday);
                PunctualityQueries.OperatorMonths(d, null, DayType.Weekday, month.AddMonths(-11), month);
            }, true),
            new("API punctuality, a line's stops", $"/api/punctuality/{month.Year}/{month.Month}?data_source={target.DataSource}&line_ref={Uri.EscapeDataString(target.LineRef)}",
                false, "punctuality: a line's stops, whole day", d => PunctualityQueries.LineStops(d, target.DataSource, target.LineRef, month, DayType.Weekday, null), true),
            new("legs page", $"{monthPath}/legs/{target.DataSource}", false, "an operator's legs",
                d => MapQueries.Legs(d, month, Hour, target.DataSource, null), false),
            new("API hot spots", "/api/hot-spots" + monthPath, false, "hot spots", hotSpots, true),
            new("changes page", string.Create(CultureInfo.InvariantCulture, $"/{month.Year}/{month.Month}/changes"), false, "changes, all operators",
                d => ChangeQueries.Changes(d, new ChangeScope(month, month.AddMonths(-1), DayType.Weekday)), true),
            new("operator feed", $"/feeds/{target.DataSource}.atom", false, "feed: an operator's changes in each complete month", d =>
            {
                // What the feed asks: each of the newest 24 complete months against the month before.
                foreach (var complete in d.Catalog.CompleteMonths.OrderDescending().Take(24).Where(m => d.Catalog.Months.Contains(m.AddMonths(-1))))
                {
                    ChangeQueries.Changes(d, new ChangeScope(complete, complete.AddMonths(-1), DayType.Weekday, target.DataSource));
                }
            }, true),
            new("changes, 24 months of an operator", "", false, "changes: an operator's 24 newest months, each against the month before", d =>
            {
                // A feed once 24 months are complete; the synthesised months count as provisional, so the feed above has fewer.
                foreach (var m in d.Catalog.Months.OrderDescending().Take(24))
                {
                    ChangeQueries.Changes(d, new ChangeScope(m, m.AddMonths(-1), DayType.Weekday, target.DataSource));
                }
            }, false),
        ];
    }

    private static Dictionary<string, List<double>> BareQueries(BenchContext context, StatsDatabase db, IEnumerable<Request> requests)
    {
        var results = new Dictionary<string, List<double>>();
        foreach (var request in requests.DistinctBy(r => r.Queries))
        {
            results[request.Queries] = BareTimes(db, request, context.Quick ? 10 : 50);
            context.Log($"site: bare {request.Queries}: median {Figure.Of("", "", results[request.Queries]).Median:F1} ms");
        }
        return results;
    }

    /// <summary>The request's queries run in this process on the same stats.db, after a warm-up: milliseconds per run.</summary>
    private static List<double> BareTimes(StatsDatabase db, Request request, int samples)
    {
        for (var i = 0; i < 3; i++)
        {
            request.Query(db);
        }
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            request.Query(db);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static List<Figure> WireBytes(BenchContext context, WebSite site, IEnumerable<Request> requests)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var figures = new List<Figure>();
        var brotli = new Dictionary<string, double>();
        foreach (var request in requests.Where(r => r.Name is "hot-spots page" or "hot-spots map data" or "hot-spots fragment" or "API hot spots" or "changes page" or "operator feed"))
        {
            foreach (var encoding in new[] { "br", "gzip", "identity" })
            {
                using var message = Message(site, request, encoding);
                using var response = client.Send(message, context.Cancellation);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchFailedException($"{request.Path} answered {(int)response.StatusCode}.");
                }
                var bytes = response.Content.ReadAsByteArrayAsync(context.Cancellation).GetAwaiter().GetResult().Length;
                figures.Add(Figure.Of($"{request.Name}: bytes on the wire, {encoding}", "kB", [bytes / 1e3]));
                if (encoding == "br")
                {
                    brotli[request.Name] = bytes / 1e3;
                }
            }
        }
        figures.Add(Figure.Of("hot-spots page, first view: the page and its map data, br", "kB", [brotli["hot-spots page"] + brotli["hot-spots map data"]],
            Target.NoMoreThan(FirstViewTargetKb, $"<= {FirstViewTargetKb} kB, every row reachable")));
        return figures;
    }

    /// <summary>Each view asked at one map position and then at another, output cache on: 1 when the second answer came from the cache.</summary>
    private static List<Figure> PositionHits(BenchContext context, WebSite site, IEnumerable<Request> requests)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var figures = new List<Figure>();
        foreach (var request in requests.Where(r => r.Name is "hot-spots page" or "hot-spots fragment" or "legs page" or "stop page" or "line page" or "changes page"))
        {
            var hits = new List<double>();
            foreach (var (position, i) in Positions.Select((p, i) => (p, i)))
            {
                // A query value of its own, so the first asking is never answered from an earlier one.
                var path = $"{request.Path}{(request.Path.Contains('?') ? '&' : '?')}bench=position&{position}";
                using var message = Message(site, request with { Path = path }, BrowserEncodings);
                using var response = client.Send(message, context.Cancellation);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchFailedException($"{path} answered {(int)response.StatusCode}.");
                }
                if (i > 0)
                {
                    hits.Add(response.Headers.Age.HasValue ? 1 : 0);
                }
            }
            figures.Add(Figure.Of($"{request.Name}, cache on: another lat/lon/zoom answered from the cache", "hit", hits,
                Target.NoLessThan(1, "a hit")));
        }
        return figures;
    }

    /// <summary>
    /// The warm-up after start and after a swap: how long until /status reports it done, and which share of the newest
    /// month's hot-spots pages (every hour) and operators' legs pages, with their map data, a browser then gets from memory.
    /// </summary>
    private static List<Figure> WarmUp(BenchContext context, WebSite site, string statsDb, DateOnly month, IReadOnlyList<string> operators)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var figures = new List<Figure>();
        var clock = Stopwatch.StartNew();
        var first = WaitForWarmUp(context, client, site, 1);
        figures.Add(Figure.Of("warm-up after start: /ready 200 to done", "s", [clock.Elapsed.TotalSeconds]));
        figures.Add(Figure.Of("warm-up after start: answers put in the cache", "answers", [first]));
        figures.Add(Figure.Of("after start: first views served from memory", "%", [FromMemory(context, client, site, month, operators)],
            Target.NoLessThan(100, "all")));

        // As the job publishes: a copy written aside, then moved over the served file.
        var aside = statsDb + ".bench-swap";
        File.Copy(statsDb, aside, overwrite: true);
        // A copy keeps the file's time; the job's file is new, and the site tells versions apart by size and time.
        File.SetLastWriteTimeUtc(aside, DateTime.UtcNow);
        clock.Restart();
        File.Move(aside, statsDb, overwrite: true);
        var second = WaitForWarmUp(context, client, site, 2);
        figures.Add(Figure.Of("warm-up after a swap: stats.db moved in to done", "s", [clock.Elapsed.TotalSeconds],
            Target.NoMoreThan(WarmTargetSeconds, $"<= {WarmTargetSeconds} s")));
        figures.Add(Figure.Of("warm-up after a swap: answers put in the cache", "answers", [second]));
        figures.Add(Figure.Of("after a swap: first views served from memory", "%", [FromMemory(context, client, site, month, operators)],
            Target.NoLessThan(100, "all")));
        return figures;
    }

    /// <summary>Polls /status until it reports the warm-up of that stats.db generation done; how many answers it filled.</summary>
    private static double WaitForWarmUp(BenchContext context, HttpClient client, WebSite site, long generation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (DateTime.UtcNow < deadline)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var response = client.GetAsync(new Uri(site.Address, "/status?format=json"), context.Cancellation).GetAwaiter().GetResult();
            using var status = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync(context.Cancellation).GetAwaiter().GetResult());
            if (status.RootElement.TryGetProperty("warm_up", out var warm) && warm.ValueKind == System.Text.Json.JsonValueKind.Object
                && warm.GetProperty("generation").GetInt64() == generation)
            {
                context.Log($"site: warm-up of generation {generation}: {warm.GetProperty("answers").GetInt32()} answers in {warm.GetProperty("seconds").GetDouble():F1} s");
                return warm.GetProperty("answers").GetInt32();
            }
            Thread.Sleep(100);
        }
        throw new BenchFailedException($"no warm-up of stats.db generation {generation} within 300 s:{Environment.NewLine}{site.Tail()}");
    }

    /// <summary>The share (%) of the month's hot-spots pages of every hour and operators' legs pages, with their map data, answered from the cache.</summary>
    private static double FromMemory(BenchContext context, HttpClient client, WebSite site, DateOnly month, IReadOnlyList<string> operators)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"/{month.Year}/{month.Month}");
        var pages = Enumerable.Range(0, 24).Select(h => string.Create(CultureInfo.InvariantCulture, $"{prefix}/{h}/hot-spots"))
            .Concat(operators.Select(o => $"{prefix}/15/legs/{o}"))
            .SelectMany(p => new[] { p, p + "?handler=map" })
            .ToList();
        var hits = 0;
        foreach (var page in pages)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Address, page));
            message.Headers.TryAddWithoutValidation("Accept-Encoding", BrowserEncodings);
            using var response = client.Send(message, context.Cancellation);
            hits += response.StatusCode == HttpStatusCode.OK && response.Headers.Age.HasValue ? 1 : 0;
        }
        return 100.0 * hits / pages.Count;
    }

    private static HttpRequestMessage Message(WebSite site, Request request, string encoding)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Address, request.Path));
        message.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        if (request.Fragment)
        {
            message.Headers.Add("HX-Request", "true");
        }
        return message;
    }

    private static List<Figure> Load(BenchContext context, WebSite site, StatsDatabase db, IReadOnlyList<Request> requests, int[] connections,
        int runs, int seconds, string mode)
    {
        var ratios = new Dictionary<(string, int), List<double>>();
        // Views whose bare time is next to nothing read no DuckDB (their data is in memory): a ratio to it means nothing.
        var fromMemory = new HashSet<string>();
        var p50 = new Dictionary<(string, int), List<double>>();
        var p99 = new Dictionary<(string, int), List<double>>();
        var rate = new Dictionary<(string, int), List<double>>();
        var errors = 0L;
        using (var client = new HttpClient())
        {
            // One request per address first: "cached" figures are those of a warm cache, and the first request of
            // each address (the uncached one) is not one of the samples.
            foreach (var request in requests)
            {
                using var message = Message(site, request, BrowserEncodings);
                using var response = client.Send(message, context.Cancellation);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchFailedException($"{request.Path} answered {(int)response.StatusCode}.");
                }
            }
        }
        // Runs interleave, so a burst of other work on the machine spreads over every figure instead of spoiling one.
        for (var run = 1; run <= runs; run++)
        {
            foreach (var request in requests)
            {
                var headers = Headers(request);
                foreach (var n in connections)
                {
                    site.WaitUntilIdle(context.Cancellation);
                    // The bare time right before the run it is compared with: other work on the machine changes both alike.
                    var bareMs = n == 1 ? Figure.Of("", "", BareTimes(db, request, context.Quick ? 5 : 20)).Median!.Value : 0;
                    var result = Wrk.Run(context, new Uri(site.Address, request.Path), n, seconds, headers);
                    if (n == 1 && result.Requests > 0 && bareMs >= InMemoryMs)
                    {
                        Add(ratios, (request.Name, 1), result.P50Ms / bareMs);
                    }
                    else if (n == 1)
                    {
                        fromMemory.Add(request.Name);
                    }
                    errors += result.Errors;
                    Add(rate, (request.Name, n), result.RequestsPerSecond);
                    // A run in which no request completed has no percentiles: its figure says so instead.
                    if (result.Requests > 0)
                    {
                        Add(p50, (request.Name, n), result.P50Ms);
                        Add(p99, (request.Name, n), result.P99Ms);
                    }
                    context.Log(string.Create(CultureInfo.InvariantCulture,
                        $"site: {mode} run {run}/{runs} {request.Name} at {n} connections: p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, {result.RequestsPerSecond:N0} requests/s{(result.Errors > 0 ? $", {result.Errors} not 2xx/3xx" : "")}"));
                }
            }
        }
        if (errors > 0)
        {
            throw new BenchFailedException($"{errors} {mode} requests were answered with an error status:{Environment.NewLine}{site.Tail()}");
        }
        var figures = new List<Figure>();
        // Where an answer's time goes: the same request without compression, next to the bare query and the compressed one.
        foreach (var request in requests.Where(_ => mode == "uncached"))
        {
            var headers = Headers(request, "identity");
            var identity = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                site.WaitUntilIdle(context.Cancellation);
                identity.Add(Wrk.Run(context, new Uri(site.Address, request.Path), 1, seconds, headers).P50Ms);
            }
            figures.Add(Figure.Of($"{request.Name}, {mode}, 1 conn, uncompressed: p50", "ms", identity));
        }
        foreach (var request in requests)
        {
            foreach (var n in connections)
            {
                var target = request.LatencyTarget && n == 8 ? Target.NoMoreThan(P99TargetMs, $"p99 < {P99TargetMs} ms at 8 connections") : null;
                figures.Add(Percentiles($"{request.Name}, {mode}, {n} conn: p50", p50, (request.Name, n), seconds));
                figures.Add(Percentiles($"{request.Name}, {mode}, {n} conn: p99", p99, (request.Name, n), seconds, target));
                figures.Add(Figure.Of($"{request.Name}, {mode}, {n} conn: throughput", "requests/s", rate[(request.Name, n)]));
            }
            var ratioTarget = Target.NoMoreThan(RatioTarget, $"<= {RatioTarget}x the bare query");
            var ratioName = $"{request.Name}, {mode}: HTTP p50 at 1 conn / bare query";
            figures.Add(ratios.TryGetValue((request.Name, 1), out var single) ? Figure.Of(ratioName, "x", single, ratioTarget)
                : fromMemory.Contains(request.Name) ? Figure.Missing(ratioName, "x", "no DuckDB query to compare with: the view's data is read once per stats.db (SiteDimensions)")
                : Figure.Missing(ratioName, "x", $"no request completed within {seconds} s", ratioTarget));
        }
        return figures;
    }

    private static Figure Percentiles(string name, Dictionary<(string, int), List<double>> samples, (string, int) key, int seconds, Target? target = null) =>
        samples.TryGetValue(key, out var values)
            ? Figure.Of(name, "ms", values, target)
            : Figure.Missing(name, "ms", $"no request completed within {seconds} s", target);

    private static void Add(Dictionary<(string, int), List<double>> figures, (string, int) key, double value)
    {
        if (!figures.TryGetValue(key, out var list))
        {
            figures[key] = list = [];
        }
        list.Add(value);
    }

    /// <summary>The bench project does not reference the site; build it in this program's configuration.</summary>
    /// <summary>What wrk sends with a request: the browser's encodings (or <paramref name="encodings"/>), and htmx's header for a fragment.</summary>
    internal static Dictionary<string, string> Headers(Request request, string encodings = BrowserEncodings)
    {
        var headers = new Dictionary<string, string> { ["Accept-Encoding"] = encodings };
        if (request.Fragment)
        {
            headers["HX-Request"] = "true";
        }
        return headers;
    }

    internal static string BuildSite(BenchContext context)
    {
        context.Log($"site: building Kollektivkart.Web ({context.Configuration})");
        var result = ChildProcess.Run(ChildProcess.DotNetHost(),
            ["build", Path.Combine(context.RepositoryRoot, "Kollektivkart.Web"), "-c", context.Configuration, "--nologo", "-v", "q"],
            context.RepositoryRoot, context.Cancellation);
        if (result.ExitCode != 0)
        {
            throw new BenchFailedException($"building Kollektivkart.Web failed:{Environment.NewLine}{result.Tail(20)}");
        }
        return context.WebAssembly;
    }
}
