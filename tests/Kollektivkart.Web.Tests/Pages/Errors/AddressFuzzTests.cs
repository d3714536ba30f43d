using System.Net;
using System.Text;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Kollektivkart.Web.Tests.Pages.Errors;

/// <summary>
/// No address gets a 5xx or a stack trace: addresses built from every route the site maps (read from
/// its endpoints, so a new route is fuzzed without touching this test) with random segments and
/// query values, with and without htmx, against Kestrel on the hand-built stats.db. Every 4xx says
/// what was wrong: a page with the error section, or JSON with an error under /api.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AddressFuzzTests(SiteData data)
{
    private const int Seed = 20261205;
    private const int Requests = 3000;

    /// <summary>Values the hand-built stats.db answers, by route or query parameter name.</summary>
    private static readonly Dictionary<string, string[]> Good = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = ["2025"], ["y"] = ["2025"], ["cy"] = ["2025"], ["py"] = ["2025"], ["prevYear"] = ["2025"],
        ["month"] = ["2", "2025-02", "2025-01"], ["m"] = ["2"], ["cm"] = ["2"], ["pm"] = ["1"], ["prevMonth"] = ["1"],
        ["prev"] = ["2025-01"], ["hour"] = ["8", "15", "3", "all"], ["h"] = ["8", "4"],
        ["dataSource"] = ["RUT", "ATB", "SKY"], ["ds"] = ["RUT", "ATB"], ["data_source"] = ["RUT", "SKY"],
        ["lineRef"] = ["RUT:Line:31", "ATB:Line:3"], ["line"] = ["RUT:Line:31"], ["line_ref"] = ["RUT:Line:31", "SKY:Line:2"],
        ["stopPlaceId"] = [HandBuiltStatsDb.Ila.Id, HandBuiltStatsDb.Torget.Id, HandBuiltStatsDb.Alfa.Id],
        ["fromStopPlaceId"] = [HandBuiltStatsDb.PrinsensGate.Id, HandBuiltStatsDb.Alfa.Id],
        ["toStopPlaceId"] = [HandBuiltStatsDb.Torget.Id, HandBuiltStatsDb.Bravo.Id],
        ["code"] = ["404", "400"], ["lat"] = ["59.9", "63.43"], ["lon"] = ["10.7"], ["zoom"] = ["12", "0", "19"],
        ["sort"] = ["delay", "name", "count"], ["dir"] = ["asc", "desc"], ["q"] = ["Ila", "Torget", "31"],
        ["format"] = ["json", "html"], ["view"] = ["hot-spots", "legs", "comparison", "about", "punctuality"], ["table"] = ["months", "lines", "stops"],
        ["stop_id"] = [HandBuiltStatsDb.Torget.Id], ["day_type"] = ["weekday", "saturday"],
    };

    /// <summary>Bad values at the edges of what a parameter means, tried as often as all the other bad values together.</summary>
    private static readonly Dictionary<string, string[]> Edges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = ["0", "1", "9999", "10000", "-2025"], ["prevYear"] = ["0", "1", "9999", "10000"],
        ["month"] = ["0", "13", "-1", "0001-01", "9999-12", "0000-12", "2025-00", "2025-13", "10000-01"], ["prevMonth"] = ["0", "13", "-1"],
        ["prev"] = ["0001-01", "9999-12", "2025-00", "2025-13"], ["hour"] = ["-1", "24", "99", "2147483648"],
        ["lat"] = ["NaN", "90.000001", "-91", "1e308", "Infinity"], ["lon"] = ["NaN", "180.5", "-181", "-Infinity"],
        ["zoom"] = ["-1", "20", "99", "NaN", "5.5"], ["code"] = ["0", "200", "302", "500", "503", "599", "600", "-1"],
        ["view"] = ["0", "1", "3", "4", "2025-1", "-1", "hotspots", "HOT-SPOTS"],
    };

    /// <summary>Query names of the views that no route template names (read from the query in code).</summary>
    private static readonly string[] QueryNames =
        ["month", "hour", "lat", "lon", "zoom", "sort", "dir", "q", "format", "view", "ds", "line", "prev", "line_ref", "data_source", "table", "stop_id", "day_type"];

    /// <summary>Values written as they go in an address (already percent-encoded where they need it).</summary>
    private static readonly string[] Bad =
    [
        "", "%20", "-1", "0", "-0", "13", "24", "25", "-24", "00", "007", "+8", "1.5", "1e3", "0x10", "١٢",
        "2147483648", "-2147483649", "99999999999999999999999999", "NaN", "Infinity", "-Infinity", "1e308", "-1e-308",
        "0000-00", "2025-00", "2025-13", "0001-01", "9999-12", "10000-01", "-2025-01", "2025-1", "2025-02-30",
        "%00", "a%00b", "%", "%zz", "%2", "%FF%FE", "%C0%AF", "%E2%80%AE", "%0D%0ASet-Cookie:%20x=1", "%09",
        "..", "%2E%2E", "..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fstats.db", "..%5C..%5Cweb.config", "%2F", "%2F%2F",
        "%C3%98stfold", "%E6%97%A5%E6%9C%AC", "%F0%9F%98%80", "%E2%80%8B", "%EF%BF%BF", "\u00f8", "\u65e5\u672c", "\ud83d\ude00",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%20OR%201%3D1%20--", "%22", "%5C", "%25", "%2B", "%26", "%3D", "%3F", "%23",
        "RUT", "rut", "RUT:Line:999", "NSR:StopPlace:0", "NSR:StopPlace:", ":", "::::", "errors", "api", "handler",
        new string('x', 300), new string('9', 2000), string.Concat(Enumerable.Repeat("%C3%98", 300)),
    ];

    [Fact]
    public async Task No_address_built_from_the_routes_gets_a_5xx_or_a_stack_trace()
    {
        var site = await data.HandOnKestrel();
        var routes = await Routes(site);
        var templates = string.Join(", ", routes.Select(r => r.Template + (r.Handlers.Count == 0 ? "" : $" ({string.Join(", ", r.Handlers)})")));
        foreach (var expected in new[] { "api/hot-spots/{y}/{m}/{h}", "select", "stops/{stopPlaceId}", "{year}/{month}/{hour}/hot-spots (Map, Csv)",
            "operators/{dataSource} (Csv)", "{year}/{month}/{hour}/punctuality/{dataSource?}/{lineRef?} (Map, Csv)", "api/punctuality/{y}/{m}",
            "stops/{stopPlaceId} (Csv, LinesCsv, LinesDayCsv, HoursCsv)", "lines/{dataSource}/{lineRef} (Csv, RouteCsv, RouteDayCsv, MonthsCsv)" })
        {
            Assert.True(templates.Contains(expected, StringComparison.Ordinal), $"{expected} is not among the routes: {templates}");
        }

        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < Requests && failures.Count < 40; i++)
        {
            var route = routes[random.Next(routes.Count)];
            var url = Address(route, random);
            var method = random.Next(20) == 0 ? HttpMethod.Head : HttpMethod.Get;
            var htmx = random.Next(2) == 0;
            failures.AddRange((await Check(site, method, url, htmx)).Select(f => $"#{i} {method} {Excerpt(url, 200)}{(htmx ? " (htmx)" : "")}: {Excerpt(f, 200)}"));
        }

        Assert.True(failures.Count == 0, $"seed {Seed}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Addresses that failed, kept as found: by the fuzzer (seed 20261205, request number given), or while
    /// fixing what it found (reading the code it led to).
    /// </summary>
    [Theory]
    [InlineData("GET", "/select?hour=3&lon=%22&dir=desc&view=2025-1&ds=RUT", false)] // #64: view 20251, a 500
    [InlineData("GET", "/errors/unavailable?lon=-24&prev=2025-01&view=rut&prev=24", false)] // #220: the 503 page, with the data loaded
    [InlineData("HEAD", "/errors/unavailable?line_ref=RUT:Line:31&sort=name&prev=2025-01", false)] // #267
    [InlineData("GET", "/errors/unavailable?prev=2025-01", true)] // #319
    [InlineData("GET", "/errors/200?sort=count&handler=1e308&sort=delay&dir=asc&line=RUT:Line:31&line=RUT:Line:31", true)] // #292: the error page asked for directly, a 500
    [InlineData("GET", "/errors/-1?sort=name&sort=%5C", false)] // #120
    [InlineData("GET", "/errors/0?ds=١٢", true)] // #452
    [InlineData("GET", "/select?view=legs&month=0001-01", false)] // no month before January of year 1, a 500
    [InlineData("GET", "/follow/%20?lat=59.9&lat=59.9&sort=delay&q=31&view=about&ds=RUT&ds=ATB", false)] // #1760: a blank feed, bound as null, a 500
    public async Task A_found_address_answers_without_a_5xx_or_a_stack_trace(string method, string url, bool htmx)
    {
        var site = await data.HandOnKestrel();

        var failures = await Check(site, new HttpMethod(method), url, htmx);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    [InlineData("MKCOL")]
    [InlineData("FOO")]
    public async Task Odd_methods_get_405_on_every_route(string method)
    {
        var site = await data.HandOnKestrel();
        var random = new Random(Seed);

        foreach (var route in await Routes(site))
        {
            var url = Address(route, random, good: true);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            using var response = await site.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Head_answers_every_route_like_get_without_a_5xx()
    {
        var site = await data.HandOnKestrel();
        var random = new Random(Seed);

        foreach (var route in await Routes(site))
        {
            var url = Address(route, random, good: true);
            using var head = new HttpRequestMessage(HttpMethod.Head, url);
            using var headResponse = await site.Client.SendAsync(head);
            using var getResponse = await site.Get(url);
            Assert.True(headResponse.StatusCode == getResponse.StatusCode, $"HEAD {url}: {(int)headResponse.StatusCode}, GET {(int)getResponse.StatusCode}");
            Assert.True((int)headResponse.StatusCode < 500, $"HEAD {url}: {(int)headResponse.StatusCode}");
        }
    }

    private sealed record Route(string Template, RoutePattern Pattern, IReadOnlyList<string> Handlers, IReadOnlyList<string> QueryNames);

    /// <summary>Every GET route the site maps, with the page handlers (?handler=) and the handler parameters that come from the query.</summary>
    private static async Task<IReadOnlyList<Route>> Routes(Site site)
    {
        var loader = site.Services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET"))
            {
                continue;
            }
            var handlers = new List<string>();
            var queryNames = new List<string>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    if (handler.Name is not null)
                    {
                        handlers.Add(handler.Name);
                    }
                    queryNames.AddRange(handler.Parameters.Select(p => p.Name).Where(n => endpoint.RoutePattern.GetParameter(n) is null));
                }
            }
            routes.Add(new Route(endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint.RoutePattern, handlers, [.. queryNames.Distinct()]));
        }
        return routes;
    }

    /// <summary>
    /// An address on the route: each parameter a value the data holds or a bad one, and query values, some
    /// repeated. Half the addresses are mostly good with one or two bad values, to get past the first check
    /// into the code behind it; none are bad when <paramref name="good"/>.
    /// </summary>
    private static string Address(Route route, Random random, bool good = false)
    {
        var badness = good ? 0 : random.Next(2) == 0 ? 0.5 : 0.1;
        var path = new StringBuilder();
        foreach (var segment in route.Pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when parameter.IsOptional && !good && random.Next(4) == 0:
                        // An optional parameter left out leaves out the rest of the route too.
                        return (path.Length == 0 ? "/" : path.ToString()) + Query(route, random, badness);
                    case RoutePatternParameterPart parameter:
                        text.Append(Value(parameter.Name, random, badness));
                        break;
                }
            }
            path.Append('/').Append(text);
        }
        return (path.Length == 0 ? "/" : path.ToString()) + (good ? "" : Query(route, random, badness));
    }

    private static string Query(Route route, Random random, double badness)
    {
        var pairs = new List<string>();
        foreach (var name in QueryNames.Concat(route.QueryNames).Distinct(StringComparer.OrdinalIgnoreCase).Where(_ => random.Next(4) == 0))
        {
            pairs.Add($"{name}={Value(name, random, badness)}");
            if (random.Next(8) == 0)
            {
                pairs.Add($"{name}={Value(name, random, badness)}");
            }
        }
        if (random.Next(3) == 0)
        {
            var handler = route.Handlers.Count > 0 && random.NextDouble() >= badness
                ? route.Handlers[random.Next(route.Handlers.Count)].ToLowerInvariant()
                : Bad[random.Next(Bad.Length)];
            pairs.Insert(random.Next(pairs.Count + 1), $"handler={handler}");
        }
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static string Value(string name, Random random, double badness) =>
        Good.TryGetValue(name, out var values) && random.NextDouble() >= badness
            ? values[random.Next(values.Length)]
            : badness == 0 ? "1"
            : Edges.TryGetValue(name, out var edges) && random.Next(2) == 0 ? edges[random.Next(edges.Length)]
            : Bad[random.Next(Bad.Length)];

    /// <summary>What is wrong with the answer to one request (nothing, for a good answer), including what the site logged meanwhile.</summary>
    private static async Task<IReadOnlyList<string>> Check(Site site, HttpMethod method, string url, bool htmx)
    {
        var logged = site.Log.Lines.Count;
        // Joined as text: an empty first segment would make "//api/..." a host name if resolved as a relative address.
        using var request = new HttpRequestMessage(method, new Uri(site.Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + url));
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        using var response = await site.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var failures = new List<string>();
        if (RejectedByKestrel(response, body))
        {
            return failures;
        }
        if (status >= 500)
        {
            failures.Add($"{status}: {Excerpt(Html.Parse(body).QuerySelector(".error-page")?.TextContent.Trim() ?? body)}");
        }
        if (body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal) || body.Contains(".cs:line", StringComparison.Ordinal))
        {
            failures.Add($"a stack trace in the body: {Excerpt(body)}");
        }
        if (status is >= 400 and < 500 && method != HttpMethod.Head && Explanation(url, response, body) is { } missing)
        {
            failures.Add($"{status} without an explanation: {missing}");
        }
        failures.AddRange(site.Log.Lines.Skip(logged)
            .Where(line => line.Contains("Exception", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal))
            .Select(line => "logged: " + Excerpt(line)));
        return failures;
    }

    /// <summary>
    /// Kestrel answers a request line it will not pass on (a NUL in the path, longer than 8 KB) itself,
    /// before any middleware: an empty 400 or 414 and a closed connection. The site never sees it.
    /// </summary>
    private static bool RejectedByKestrel(HttpResponseMessage response, string body) =>
        response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong
        && body.Length == 0 && response.Headers.ConnectionClose == true;

    /// <summary>Null when the error says what was wrong: JSON with an error under /api, else a page or fragment with the error section.</summary>
    private static string? Explanation(string url, HttpResponseMessage response, string body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
        {
            if (mediaType != "application/json")
            {
                return $"{mediaType} under /api: {Excerpt(body)}";
            }
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 }
                ? null
                : $"JSON without an error: {Excerpt(body)}";
        }
        if (mediaType != "text/html")
        {
            return $"{mediaType ?? "no content type"}: {Excerpt(body)}";
        }
        var section = Html.Parse(body).QuerySelector(".error-page");
        var heading = section?.QuerySelector("h1");
        var sentence = section?.QuerySelector("p");
        return heading is not null && sentence is not null && Html.Text(heading) != "" && Html.Text(sentence) != ""
            ? null
            : $"no error section saying what was wrong for {url}: {Excerpt(body)}";
    }

    private static string Excerpt(string text, int length = 300) => text.Length > length ? text[..length] + "…" : text;
}
