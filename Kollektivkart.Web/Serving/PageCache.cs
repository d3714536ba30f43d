using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// The views over stats.db change only when a newer stats.db is swapped in, so their answers are kept in memory
/// (ASP.NET Core output caching) and served again without querying or rendering. The key holds the address (path
/// case-sensitive, every query value as written except the map position, which no answer depends on, and whether
/// that position is readable, since an unreadable one is a 400), the headers an answer depends on (compression, htmx's page-or-fragment),
/// the generation of the loaded stats.db and today's date, so an answer from an older stats.db is never
/// served after a swap (those are evicted then as well), nor one from yesterday, when fewer months were offered. Only the listed views are cached: never /ready, /status or error pages,
/// and only 200 answers to GET without cookies. A cached answer is the fresh one: headers set when the response starts
/// (CORS) are set outside the cache, which keeps only what was set before the body.
/// </summary>
public static partial class PageCache
{
    public const string Tag = "stats.db";

    /// <summary>Compressed bodies are cached, so the cache sits outside compression and varies on the encoding it picks (<see cref="Encoding"/>).</summary>
    private static readonly string[] VaryHeaders = Fragments.RequestHeaders;

    public static IServiceCollection AddPageCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.UseCaseSensitivePaths = true;
            options.DefaultExpirationTimeSpan = TimeSpan.FromHours(1);
            options.AddBasePolicy(policy => policy
                .With(context => Cacheable(context.HttpContext))
                .SetVaryByHeader(VaryHeaders)
                .VaryByValue(context => new KeyValuePair<string, string>("encoding", Encoding(context)))
                .SetVaryByQuery(Array.Empty<string>())
                .VaryByValue(context => new KeyValuePair<string, string>("query", Selection.MapPosition.WithoutPosition(context.Request.QueryString)))
                .VaryByValue(context => new KeyValuePair<string, string>("position", Selection.MapPosition.Read(context.Request.Query).IsOk ? "readable" : "unreadable"))
                .VaryByValue(context => new KeyValuePair<string, string>(Tag, Version(context)))
                // A feed opened in a browser tab has another Content-Type (Feeds.AtomFeed.BrowserContentType); pages do not vary.
                .VaryByValue(context => new KeyValuePair<string, string>("feed-page",
                    context.Request.Path.StartsWithSegments("/feeds") && Feeds.AtomFeed.OpenedInBrowser(context.Request) ? "browser" : ""))
                .Tag(Tag));
        });

    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ServingOptions>>().Value.OutputCache ? app.UseOutputCache() : app;

    /// <summary>Drops every cached answer; called when a newer stats.db has been swapped in.</summary>
    public static ValueTask Evict(IOutputCacheStore store, CancellationToken cancellationToken) => store.EvictByTagAsync(Tag, cancellationToken);

    /// <summary>
    /// The encoding response compression will answer in, by the same provider that compresses: every browser's own
    /// Accept-Encoding ("gzip, deflate, br, zstd", "br, gzip", ...) that leads to Brotli shares one cached answer, which
    /// is what lets the warm-up fill the cache for them all.
    /// </summary>
    private static string Encoding(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider>()
            .GetCompressionProvider(context)?.EncodingName ?? "identity";

    /// <summary>The loaded stats.db's generation, and today: which months a page offers depends on the date too.</summary>
    private static string Version(HttpContext context)
    {
        var generation = context.RequestServices.GetRequiredService<StatsDbProvider>().Generation;
        var today = Clock.Today(context.RequestServices.GetRequiredService<TimeProvider>());
        return string.Create(CultureInfo.InvariantCulture, $"{generation}/{today:yyyy-MM-dd}");
    }

    /// <summary>
    /// Not HEAD: the output cache answers a HEAD again with the length of the body written for it (0 for the API,
    /// whose results write none to HEAD), where the fresh answer has the GET's length or none.
    /// </summary>
    private static bool Cacheable(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.RequestServices.GetRequiredService<StatsDbProvider>().Generation > 0
        && CachedViews().IsMatch(context.Request.Path.Value ?? "");

    [GeneratedRegex(@"^(/[0-9]+/[0-9]+/[0-9]+/(hot-spots|legs|comparison)(/[^/]+)*|/[0-9]+/[0-9]+/([0-9]+|all)/punctuality(/[^/]+)*|/[0-9]+/[0-9]+/changes(/[^/]+)*|/operators(/[^/]+)?|/follow/.+|/stops/[^/]+|/stretches/[^/]+/[^/]+|/lines/[^/]+/[^/]+|/feeds/([^/]+/)?[^/]+\.atom|/api/(hot-spots|leg-stats|comparison|changes|punctuality|lines|partitions|datasource-names)(/[^/]+)*)/?$")]
    private static partial Regex CachedViews();
}
