using System.IO.Compression;
using System.Net;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// A cache is an optimisation, never a behaviour: the site with its output cache answers every request to a cached
/// view as the same site without it does (status, headers, body), whatever was asked before. Real Kestrel processes,
/// and a client that does not decompress, as a page on another origin and its browser talk to the site.
/// </summary>
[Collection(CachedAnswersCollection.Name)]
public sealed class CachedAnswerTests(SiteData data, CachedAnswerTests.Sites sites) : IClassFixture<CachedAnswerTests.Sites>
{
    private const string OtherOrigin = "http://other.example";

    /// <summary>What browsers send, then what scripts and monitors send.</summary>
    private static readonly string?[] AcceptEncodings = ["gzip, deflate, br, zstd", "gzip, deflate, br", "gzip", "identity", null];

    /// <summary>A page, its fragment, and a history restore (the page again, asked by htmx).</summary>
    private static readonly (string Name, string Value)[][] HtmxAsks =
        [[], [("HX-Request", "true")], [("HX-Request", "true"), ("HX-History-Restore-Request", "true")]];

    private static readonly string[] Pages =
    [
        "/2025/2/8/hot-spots", "/2025/2/8/legs/RUT", "/2025/2/8/comparison/2025/1",
        $"/stops/{HandBuiltStatsDb.Torget.Id}", "/lines/ATB/ATB:Line:11",
        $"/stretches/{HandBuiltStatsDb.PrinsensGate.Id}/{HandBuiltStatsDb.Torget.Id}?month=2025-02&hour=9",
        "/2025/2/changes?day=saturday", "/2025/2/changes/RUT/RUT:Line:31?day=saturday&sort=impact&dir=asc",
        "/2025/2/8/hot-spots?rows=all&sort=hourly_count&dir=asc", "/2025/2/8/hot-spots?handler=map",
        "/2025/2/8/legs/RUT?handler=map&day=saturday", "/2025/2/8/comparison/2025/1/RUT?handler=map",
        "/operators", "/operators?month=2025-01&day=saturday&sort=stretches&dir=asc", "/operators?handler=csv",
        "/operators/ATB", "/operators/SKY?month=2025-02&day=saturday", "/operators/ATB?month=2025-02&handler=csv&table=lines",
        "/2025/2/15/punctuality", "/2025/2/all/punctuality/ATB?rows=all&sort=observed&dir=desc", "/2025/2/15/punctuality?handler=map",
        $"/stops/{HandBuiltStatsDb.Torget.Id}?handler=linescsv&day=saturday", $"/stops/{HandBuiltStatsDb.Torget.Id}?handler=hourscsv", "/lines/ATB/ATB:Line:3?handler=routedaycsv&month=2025-02",
    ];

    /// <summary>Two browsers' ways of asking for Brotli: they pick the same encoding, so they share one cached answer.</summary>
    private static readonly string[] Browsers = ["gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8, *;q=0.1"];

    private static readonly string[] ApiAddresses =
    [
        "/api/partitions", "/api/datasource-names", "/api/lines/RUT", "/api/hot-spots/2025/2/8",
        "/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31", "/api/comparison/2025/2/2025/1/8?&",
        "/api/changes/2025/2?day_type=saturday", "/api/changes/2025/2?data_source=RUT&line_ref=RUT:Line:31&baseline=2025-01",
        "/api/punctuality/2025/2", "/api/punctuality/2025/2?data_source=ATB&line_ref=ATB:Line:3&hour=15",
    ];

    /// <summary>
    /// Asked through one host name for both sites: feed links, and the feed address a follow page gives, are absolute,
    /// made from the host asked.
    /// </summary>
    private static readonly string[] FeedAddresses =
    [
        "/feeds/RUT.atom", "/feeds/SKY.atom?day=saturday", "/feeds/RUT/RUT:Line:31.atom", $"/feeds/stops/{HandBuiltStatsDb.Torget.Id}.atom",
        "/follow/RUT?day=saturday", $"/follow/stops/{HandBuiltStatsDb.Torget.Id}",
    ];

    private static readonly (string Name, string Value)[] FeedHost = [("Host", "Kollektivkart.Test")];

    public static readonly TheoryData<string> Api = new(ApiAddresses);

    /// <summary>A plain and a cross-origin request in both orders, HEAD after GET and GET after HEAD.</summary>
    private static readonly (HttpMethod Method, bool CrossOrigin)[][] Orders =
    [
        [(HttpMethod.Get, false), (HttpMethod.Get, true), (HttpMethod.Head, false), (HttpMethod.Head, true), (HttpMethod.Get, false), (HttpMethod.Get, true), (HttpMethod.Head, false)],
        [(HttpMethod.Head, true), (HttpMethod.Head, false), (HttpMethod.Get, true), (HttpMethod.Get, false), (HttpMethod.Get, true), (HttpMethod.Get, false), (HttpMethod.Head, true)],
    ];

    [Fact]
    public async Task Every_cached_answer_is_the_answer_of_the_site_without_its_cache()
    {
        var (cached, uncached) = await sites.Start(data.HandBuilt.Folder);
        // Every encoding on the API and one page; the other pages with a browser's and with none, to keep the run short.
        var cases = ApiAddresses.SelectMany(api => AcceptEncodings.Select(encoding => (Address: api, Htmx: Array.Empty<(string Name, string Value)>(), Encoding: encoding)))
            .Concat(FeedAddresses.SelectMany(feed => AcceptEncodings.Select(encoding => (Address: feed, Htmx: FeedHost, Encoding: encoding))))
            .Concat(Pages.SelectMany(page => HtmxAsks.SelectMany(htmx =>
                (page == Pages[0] ? AcceptEncodings : AcceptEncodings.Where(e => e is null || e.Contains("zstd", StringComparison.Ordinal)))
                .Select(encoding => (Address: page, Htmx: htmx, Encoding: encoding)))));
        var mismatches = new List<(string Differences, string Request)>();
        var fromCache = 0;
        var sequence = 0;

        var pageCases = 0;
        foreach (var (address, htmx, encoding) in cases)
        {
            // The API and the feeds, which other origins and feed readers ask, in both orders. Each page's six or more
            // cases take the orders in turn, so every page still meets both, at a third less of the test's time.
            var isPage = !address.StartsWith("/api/", StringComparison.Ordinal) && !FeedAddresses.Contains(address);
            foreach (var order in isPage ? [Orders[pageCases++ % Orders.Length]] : Orders)
            {
                // Its own cache key (the query is part of it), so the first request of the order is answered afresh.
                var url = $"{address}{(address.Contains('?') ? '&' : '?')}sequence={++sequence}";
                // The site without its cache answers a request the same each time, so it is asked each one once.
                var fresh = new Dictionary<(HttpMethod, bool), Answer>();
                for (var i = 0; i < order.Length; i++)
                {
                    var (method, crossOrigin) = order[i];
                    (string, string)[] headers = [.. htmx, .. Optional("Accept-Encoding", encoding), .. Optional("Origin", crossOrigin ? OtherOrigin : null)];
                    var answering = Answer.Of(cached, method, url, headers);
                    if (!fresh.TryGetValue((method, crossOrigin), out var expected))
                    {
                        fresh[(method, crossOrigin)] = expected = await Answer.Of(uncached, method, url, headers);
                    }
                    var answer = await answering;
                    Assert.False(i == 0 && answer.FromCache, $"{method} {url} came from the cache on first asking");
                    fromCache += answer.FromCache ? 1 : 0;
                    if (answer.Differences(expected) is { Length: > 0 } differences)
                    {
                        mismatches.Add((differences, $"{method} {url} [{string.Join("; ", headers.Select(h => $"{h.Item1}: {h.Item2}"))}]{(answer.FromCache ? " from the cache" : "")}"));
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the uncached site's:\n" + string.Join('\n',
            mismatches.GroupBy(m => m.Differences).Select(g => $"{g.Count()} \u00d7 {g.Key}, first {g.First().Request}")));
        // Each order repeats a GET with the same headers: the cache must have answered those.
        Assert.True(fromCache >= sequence * 2, $"only {fromCache} answers of {sequence} orders came from the cache");
    }

    [Fact]
    public async Task A_view_at_another_map_position_asked_by_another_browser_is_the_cached_answer_of_the_site_without_cache()
    {
        var (cached, uncached) = await sites.Start(data.HandBuilt.Folder);
        var mismatches = new List<string>();
        var notFromCache = new List<string>();
        var view = 0;

        foreach (var page in Pages)
        {
            foreach (var htmx in HtmxAsks)
            {
                var url = $"{page}{(page.Contains('?') ? '&' : '?')}view={++view}";
                // Panned and zoomed elsewhere, by another browser: the same view, so the same answer, from memory.
                var asks = new[]
                {
                    (Url: url + "&lat=59.91&lon=10.75&zoom=11", Encoding: Browsers[0]),
                    (Url: url + "&zoom=14&lat=63.43&lon=10.39", Encoding: Browsers[1]),
                    (Url: url, Encoding: Browsers[0]),
                };
                for (var i = 0; i < asks.Length; i++)
                {
                    (string, string)[] headers = [.. htmx, ("Accept-Encoding", asks[i].Encoding)];
                    var answer = await Answer.Of(cached, HttpMethod.Get, asks[i].Url, headers);
                    var expected = await Answer.Of(uncached, HttpMethod.Get, asks[i].Url, headers);
                    if (answer.Differences(expected) is { Length: > 0 } differences)
                    {
                        mismatches.Add($"{asks[i].Url} [{string.Join("; ", headers.Select(h => $"{h.Item1}: {h.Item2}"))}]: {differences}");
                    }
                    if (i > 0 && !answer.FromCache)
                    {
                        notFromCache.Add(asks[i].Url);
                    }
                }
                // An unreadable position is still a 400, never the cached 200 of the view.
                var bad = await Answer.Of(cached, HttpMethod.Get, url + "&lat=91&lon=10&zoom=5", [.. htmx, ("Accept-Encoding", Browsers[0])]);
                Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the uncached site's:\n" + string.Join('\n', mismatches.Take(10)));
        Assert.True(notFromCache.Count == 0, "not answered from the cache at another position or by another browser: " + string.Join(", ", notFromCache.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Api))]
    public async Task A_preflight_from_another_origin_gets_the_CORS_answer(string url)
    {
        var (cached, _) = await sites.Start(data.HandBuilt.Folder);

        using var response = await Send(cached, HttpMethod.Options, url, ("Origin", OtherOrigin), ("Access-Control-Request-Method", "GET"));

        Assert.True(response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK, $"preflight: {(int)response.StatusCode}");
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Header(response, "Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPTIONS", "/api/partitions")]
    [InlineData("OPTIONS", "/2025/2/8/hot-spots")]
    [InlineData("POST", "/api/partitions")]
    [InlineData("POST", "/2025/2/8/hot-spots")]
    public async Task Other_methods_than_a_preflight_to_the_API_stay_405(string method, string url)
    {
        var (cached, _) = await sites.Start(data.HandBuilt.Folder);
        var preflightToPage = method == "OPTIONS" && !url.StartsWith("/api/", StringComparison.Ordinal);

        using var plain = await Send(cached, new HttpMethod(method), url);
        using var withOrigin = await Send(cached, new HttpMethod(method), url,
            [("Origin", OtherOrigin), .. Optional("Access-Control-Request-Method", preflightToPage ? "GET" : null)]);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, plain.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, withOrigin.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Api))]
    [InlineData("/api/hot-spots/2025/2/99")]
    public async Task An_API_answer_allows_any_origin_asked_with_Origin_or_not(string url)
    {
        var (cached, _) = await sites.Start(data.HandBuilt.Folder);

        foreach (var origin in new[] { null, OtherOrigin })
        {
            using var response = await Send(cached, HttpMethod.Get, url, [.. Optional("Origin", origin), ("Accept-Encoding", "gzip")]);

            // The same for both, so caches need not vary on Origin: one stored for a same-origin page serves another origin.
            Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
            Assert.DoesNotContain("Origin", Header(response, "Vary") ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_page_varies_on_every_header_that_chooses_page_or_fragment()
    {
        var (cached, _) = await sites.Start(data.HandBuilt.Folder);

        // Map data and CSV are the same to htmx or not, so they vary on the encoding alone; the operators page has no fragment.
        foreach (var page in Pages.Where(p => !p.Contains("handler=", StringComparison.Ordinal)
            && !p.StartsWith("/operators?", StringComparison.Ordinal) && p != "/operators"))
        {
            using var response = await Send(cached, HttpMethod.Get, page, ("HX-Request", "true"), ("Accept-Encoding", "br"));

            var vary = (Header(response, "Vary") ?? "").Split(',', StringSplitOptions.TrimEntries);
            Assert.Equal(["Accept-Encoding", "HX-History-Restore-Request", "HX-Request", "HX-Request-Type"], vary.Order(StringComparer.Ordinal));
        }
    }

    private static (string, string)[] Optional(string name, string? value) => value is null ? [] : [(name, value)];

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(request);
    }

    /// <summary>All values of a response header as sent, comma-joined; null when absent.</summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => string.Join(", ", h.Value))
            .FirstOrDefault();

    /// <summary>An answer as a client sees it: the status, the headers but per-response ones, and the decoded body.</summary>
    private sealed record Answer(HttpStatusCode Status, IReadOnlyList<string> Headers, byte[] Body, bool FromCache)
    {
        /// <summary>
        /// Date and Age differ by when it was answered; a fresh body streams (chunked) where a cached one has its length,
        /// so the length of a GET is compared as the body. A HEAD's Content-Length stands for the GET's and is compared.
        /// </summary>
        private static readonly string[] PerResponse = ["Date", "Age", "Transfer-Encoding"];

        public static async Task<Answer> Of(HttpClient http, HttpMethod method, string url, (string Name, string Value)[] headers)
        {
            using var response = await Send(http, method, url, headers);
            var ignored = method == HttpMethod.Get ? [.. PerResponse, "Content-Length"] : PerResponse;
            var kept = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
                .Where(h => !ignored.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
                .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var body = await Decoded(response);
            return new Answer(response.StatusCode, kept, body, response.Headers.Age.HasValue);
        }

        /// <summary>What differs from <paramref name="expected"/>, empty when nothing does.</summary>
        public string Differences(Answer expected)
        {
            var differences = new List<string>();
            if (Status != expected.Status)
            {
                differences.Add($"status {(int)Status}, fresh {(int)expected.Status}");
            }
            differences.AddRange(expected.Headers.Except(Headers).Select(h => $"lacks \u201c{h}\u201d"));
            differences.AddRange(Headers.Except(expected.Headers).Select(h => $"has \u201c{h}\u201d"));
            if (!Body.AsSpan().SequenceEqual(expected.Body))
            {
                differences.Add($"body of {Body.Length} bytes, fresh {expected.Body.Length}");
            }
            return string.Join("; ", differences);
        }

        private static async Task<byte[]> Decoded(HttpResponseMessage response)
        {
            await using var raw = await response.Content.ReadAsStreamAsync();
            await using Stream decoded = string.Join(",", response.Content.Headers.ContentEncoding) switch
            {
                "br" => new BrotliStream(raw, CompressionMode.Decompress),
                "gzip" => new GZipStream(raw, CompressionMode.Decompress),
                "" => raw,
                var other => throw new InvalidOperationException($"unexpected Content-Encoding {other}"),
            };
            using var body = new MemoryStream();
            await decoded.CopyToAsync(body);
            return body.ToArray();
        }
    }

    /// <summary>The built site twice on one pond, with and without its output cache, started on first use.</summary>
    public sealed class Sites : IDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

        private readonly List<WebProcess> _processes = [];
        private readonly List<HttpClient> _clients = [];
        private Task<(HttpClient Cached, HttpClient Uncached)>? _started;

        public Task<(HttpClient Cached, HttpClient Uncached)> Start(string pond) => _started ??= StartBoth(pond);

        private async Task<(HttpClient, HttpClient)> StartBoth(string pond)
        {
            var cached = Client(pond, "true");
            var uncached = Client(pond, "false");
            return (await cached, await uncached);
        }

        private async Task<HttpClient> Client(string pond, string outputCache)
        {
            var web = WebProcess.Start(new Dictionary<string, string>
            {
                ["PARQUET_LOCATION"] = pond,
                ["DRAIN_SECONDS"] = "0",
                ["Serving__OutputCache"] = outputCache,
            });
            _processes.Add(web);
            // No automatic decompression, no redirects: the answer as sent.
            var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
            {
                BaseAddress = await web.Ready(StartTimeout),
                Timeout = TimeSpan.FromSeconds(60),
            };
            _clients.Add(http);
            return http;
        }

        public void Dispose()
        {
            _clients.ForEach(c => c.Dispose());
            _processes.ForEach(p => p.Dispose());
        }
    }
}
