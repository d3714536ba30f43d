using System.Collections.Concurrent;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Browser;
using Kollektivkart.Web.Tests.Feeds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>Every test class that talks to the site shares one <see cref="SiteData"/>: the demo pond is built once.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteData>
{
    public const string Name = "site";
}

/// <summary>
/// The data the site is tested on: a small real pond (demo data through the real transforms), a
/// hand-built stats.db with the same schema and chosen numbers, and an empty folder. Started sites
/// are kept per pond and day, so a test class reuses them instead of starting its own.
/// </summary>
public sealed class SiteData : IAsyncLifetime
{
    /// <summary>Wednesday 29 January to Wednesday 5 February 2025: three weekdays in each month, so both have statistics.</summary>
    public static readonly DateOnly DemoFrom = new(2025, 1, 29);
    public const int DemoDays = 8;

    /// <summary>The demo data's newest operating date is 3 days old (fresh), and February started 7 days ago (offered).</summary>
    public static readonly DateOnly DemoToday = new(2025, 2, 8);

    private readonly TempFolder _folder = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<Site>>> _sites = new();
    private readonly Lazy<Task<BrowserSite>> _browser;
    private readonly Lazy<Task<BrowserSite>> _handBrowser;

    public SiteData()
    {
        var pond = LocalPond.Open(DemoPond, create: true);
        DemoGenerator.Generate(pond, new DemoOptions(DemoFrom, DemoDays, Scale: 0.01, Seed: 7));
        new Derivation(pond, new RunOptions(DemoFrom), NullLogger.Instance).Run();
        HandBuilt = HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("hand"));
        Directory.CreateDirectory(EmptyPond);
        _browser = new Lazy<Task<BrowserSite>>(() => BrowserSite.Start(DemoPond));
        _feeds = new Lazy<HandBuiltStatsDb>(() => HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("feeds"), FeedStatsDb.Rows));
        _handBrowser = new Lazy<Task<BrowserSite>>(() => BrowserSite.Start(HandBuilt.Folder));
        _norwegianNames = new Lazy<HandBuiltStatsDb>(() =>
            HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("norwegian"), Pages.NorwegianOrderTests.Rows));
    }

    private readonly Lazy<HandBuiltStatsDb> _feeds;

    private readonly Lazy<HandBuiltStatsDb> _norwegianNames;

    /// <summary>The hand-built stats.db with the stops, lines and operators of <see cref="Pages.NorwegianOrderTests"/>, built on first use.</summary>
    public HandBuiltStatsDb NorwegianNames => _norwegianNames.Value;

    /// <summary>The hand-built stats.db with the months and stretches of the feed tests (<see cref="FeedStatsDb"/>), built on first use.</summary>
    public HandBuiltStatsDb Feeds => _feeds.Value;

    /// <summary>The built site as a process on the demo pond with Chromium beside it, started on first use.</summary>
    public Task<BrowserSite> Browser() => _browser.Value;

    /// <summary>
    /// The built site on the hand-built stats.db with Chromium beside it, for what the small demo pond lacks: its two months
    /// of three weekdays have too few legs per hour for a stretch to change by the rules of data-model.md section 7.
    /// </summary>
    public Task<BrowserSite> HandBrowser() => _handBrowser.Value;

    /// <summary>The pond folder of the demo data, with its stats.db.</summary>
    public string DemoPond => _folder.Sub("demo");

    /// <summary>A folder without stats.db: the site cannot load.</summary>
    public string EmptyPond => _folder.Sub("empty");

    public HandBuiltStatsDb HandBuilt { get; }

    /// <summary>A site on the demo pond, on a day the demo data is fresh; ready.</summary>
    public Task<Site> Demo() => Started(DemoPond, DemoToday);

    /// <summary>A site on the hand-built stats.db, on the given day (default: its usual today); ready.</summary>
    public Task<Site> Hand(DateOnly? today = null) => Started(HandBuilt.Folder, today ?? HandBuiltStatsDb.Today);

    /// <summary>The site on the hand-built stats.db at its usual today, listening with Kestrel on 127.0.0.1; ready.</summary>
    public Task<Site> HandOnKestrel() => Started(HandBuilt.Folder, HandBuiltStatsDb.Today, kestrel: true);

    /// <summary>A started site on <paramref name="pond"/>, ready (stats.db loaded), shared by every test asking for the same.</summary>
    public Task<Site> Started(string pond, DateOnly today, IReadOnlyDictionary<string, string>? settings = null, bool kestrel = false) =>
        _sites.GetOrAdd(Key(pond, today, settings) + (kestrel ? "|kestrel" : ""), _ => new Lazy<Task<Site>>(async () =>
        {
            var site = Site.Start(pond, today, settings, kestrel);
            try
            {
                await site.WaitUntilReady();
                return site;
            }
            catch
            {
                await site.DisposeAsync();
                throw;
            }
        })).Value;

    private static string Key(string pond, DateOnly today, IReadOnlyDictionary<string, string>? settings) =>
        string.Join('|', [pond, today.ToString("O"), .. (settings ?? new Dictionary<string, string>()).OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var site in _sites.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            await site.Value.Result.DisposeAsync();
        }
        foreach (var browser in new[] { _browser, _handBrowser }.Where(b => b.IsValueCreated && b.Value.IsCompletedSuccessfully))
        {
            await browser.Value.Result.DisposeAsync();
        }
        _folder.Dispose();
    }
}
