using System.Collections.Concurrent;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Browser;
using Kollektivkart.Web.Tests.Feeds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>The in-memory site's tests: one collection, run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteData>
{
    public const string Name = "site";
}

/// <summary>The browser tests: Chromium and the site's process; beside the site collection, not inside it.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SiteData>
{
    public const string Name = "browser";
}

/// <summary>The cached-answer comparisons: two site processes of their own; beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class CachedAnswersCollection : ICollectionFixture<SiteData>
{
    public const string Name = "cached answers";
}

/// <summary>
/// The data the site is tested on: a small real pond (demo data through the real transforms), a
/// hand-built stats.db with the same schema and chosen numbers, and an empty folder. Started sites
/// are kept per pond and day, so a test class reuses them instead of starting its own.
/// Every collection above gets a <see cref="SiteData"/>, and all of them share one <see cref="Store"/>:
/// the demo pond is built once per test run, and disposed once every collection has run (<see cref="SharedFixtures"/>).
/// </summary>
public sealed class SiteData : IAsyncLifetime
{
    /// <summary>Wednesday 29 January to Wednesday 5 February 2025: three weekdays in each month, so both have statistics.</summary>
    public static readonly DateOnly DemoFrom = new(2025, 1, 29);
    public const int DemoDays = 8;

    /// <summary>The demo data's newest operating date is 3 days old (fresh), and February started 7 days ago (offered).</summary>
    public static readonly DateOnly DemoToday = new(2025, 2, 8);

    private static readonly Lazy<Store> Shared = new(() => new Store());

    private readonly Store _store = Shared.Value;

    /// <summary>The hand-built stats.db with the stops, lines and operators of <see cref="Pages.NorwegianOrderTests"/>, built on first use.</summary>
    public HandBuiltStatsDb NorwegianNames => _store.NorwegianNames.Value;

    /// <summary>The hand-built stats.db with the months and stretches of the feed tests (<see cref="FeedStatsDb"/>), built on first use.</summary>
    public HandBuiltStatsDb Feeds => _store.Feeds.Value;

    /// <summary>The built site as a process on the demo pond with Chromium beside it, started on first use.</summary>
    public Task<BrowserSite> Browser() => _store.Browser.Value;

    /// <summary>
    /// The built site on the hand-built stats.db with Chromium beside it, for what the small demo pond lacks: its two months
    /// of three weekdays have too few legs per hour for a stretch to change by the rules of data-model.md section 7.
    /// </summary>
    public Task<BrowserSite> HandBrowser() => _store.HandBrowser.Value;

    /// <summary>The pond folder of the demo data, with its stats.db.</summary>
    public string DemoPond => _store.DemoPond;

    /// <summary>A folder without stats.db: the site cannot load.</summary>
    public string EmptyPond => _store.EmptyPond;

    public HandBuiltStatsDb HandBuilt => _store.HandBuilt;

    /// <summary>A site on the demo pond, on a day the demo data is fresh; ready.</summary>
    public Task<Site> Demo() => Started(DemoPond, DemoToday);

    /// <summary>A site on the hand-built stats.db, on the given day (default: its usual today); ready.</summary>
    public Task<Site> Hand(DateOnly? today = null) => Started(HandBuilt.Folder, today ?? HandBuiltStatsDb.Today);

    /// <summary>The site on the hand-built stats.db at its usual today, listening with Kestrel on 127.0.0.1; ready.</summary>
    public Task<Site> HandOnKestrel() => Started(HandBuilt.Folder, HandBuiltStatsDb.Today, kestrel: true);

    /// <summary>
    /// A started site on <paramref name="pond"/>, ready (stats.db loaded), shared by every test asking for the same. Tests in
    /// other collections may use it at the same time: a test that moves a site's clock starts a site of its own.
    /// </summary>
    public Task<Site> Started(string pond, DateOnly today, IReadOnlyDictionary<string, string>? settings = null, bool kestrel = false) =>
        _store.Sites.GetOrAdd(Key(pond, today, settings) + (kestrel ? "|kestrel" : ""), _ => new Lazy<Task<Site>>(async () =>
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

    // The store outlives each collection: another may still be running, or start after.
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Disposes the shared store, if a collection built it; called once, after every collection has run.</summary>
    public static async Task DisposeShared()
    {
        if (Shared.IsValueCreated)
        {
            await Shared.Value.DisposeAsync();
        }
    }

    /// <summary>What the collections share, built on first use.</summary>
    private sealed class Store
    {
        private readonly TempFolder _folder = new();

        public Store()
        {
            var pond = LocalPond.Open(DemoPond, create: true);
            DemoGenerator.Generate(pond, new DemoOptions(DemoFrom, DemoDays, Scale: 0.01, Seed: 7));
            new Derivation(pond, new RunOptions(DemoFrom), NullLogger.Instance).Run();
            HandBuilt = HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("hand"));
            Directory.CreateDirectory(EmptyPond);
            Browser = new Lazy<Task<BrowserSite>>(() => BrowserSite.Start(DemoPond));
            Feeds = new Lazy<HandBuiltStatsDb>(() => HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("feeds"), FeedStatsDb.Rows));
            HandBrowser = new Lazy<Task<BrowserSite>>(() => BrowserSite.Start(HandBuilt.Folder));
            NorwegianNames = new Lazy<HandBuiltStatsDb>(() =>
                HandBuiltStatsDb.Build(Path.Combine(DemoPond, PondLayout.StatsDb), _folder.Sub("norwegian"), Pages.NorwegianOrderTests.Rows));
        }

        public string DemoPond => _folder.Sub("demo");

        public string EmptyPond => _folder.Sub("empty");

        public HandBuiltStatsDb HandBuilt { get; }

        public Lazy<HandBuiltStatsDb> Feeds { get; }

        public Lazy<HandBuiltStatsDb> NorwegianNames { get; }

        public Lazy<Task<BrowserSite>> Browser { get; }

        public Lazy<Task<BrowserSite>> HandBrowser { get; }

        public ConcurrentDictionary<string, Lazy<Task<Site>>> Sites { get; } = new();

        public async Task DisposeAsync()
        {
            foreach (var site in Sites.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
            {
                await site.Value.Result.DisposeAsync();
            }
            foreach (var browser in new[] { Browser, HandBrowser }.Where(b => b.IsValueCreated && b.Value.IsCompletedSuccessfully))
            {
                await browser.Value.Result.DisposeAsync();
            }
            _folder.Dispose();
        }
    }
}
