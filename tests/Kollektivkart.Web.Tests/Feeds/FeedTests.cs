using System.Net;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Feeds.FeedStatsDb;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Feeds;

/// <summary>
/// The Atom feeds of monthly changes (issue 12, item 4) over <see cref="FeedStatsDb"/>: one entry per complete month with
/// changes in scope, newest first, its top regressions and improvements linked; ids that outlive rebuilds and hosts.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class FeedTests(SiteData data)
{
    private const string Local = "http://localhost";

    private Task<Site> FeedSite(IReadOnlyDictionary<string, string>? settings = null) => data.Started(data.Feeds.Folder, Today, settings);

    private static ListedStretch Stretch(Stop from, Stop to, DateOnly month, string? day = null) =>
        new($"{from.Name} to {to.Name}", Local + StretchFacts.StretchHref(from.Id, to.Id, month, FeedStatsDb.Hour, day is null ? default : Enum.Parse<Data.Calendar.DayType>(day, true)));

    [Fact]
    public async Task An_operator_feed_has_an_entry_per_complete_month_with_changes_newest_first_and_its_top_20_of_each_kind()
    {
        var site = await FeedSite();

        var (feed, entries, _) = await AtomFeeds.Get(site, "/feeds/RUT.atom");

        // March changed too, but is provisional; December has no month before it.
        Assert.Equal(["Ruter, February 2025: 1,771 stretches slower, 1 faster", "Ruter, January 2025: 1 stretch slower, 1 faster"],
            entries.Select(e => e.Title));
        Assert.Equal("tag:kollektivkart.no,2026:feeds/RUT/weekday", feed.Id);
        Assert.Equal(["tag:kollektivkart.no,2026:feeds/RUT/2025-02/weekday", "tag:kollektivkart.no,2026:feeds/RUT/2025-01/weekday"], entries.Select(e => e.Id));
        var february = entries[0];
        // The 20 with the most impact: the comparison stretches 199 s slower (x 25 trips), then 198 s, Lima-Mike's 2,000 far
        // below; equal impacts in the order of their stop ids.
        IEnumerable<int> Slowest(int delta) => Enumerable.Range(0, 10).Select(k => delta + 200 * k).OrderBy(i => $"RUT:Cmp:{i}", StringComparer.Ordinal);
        Assert.Equal(Slowest(199).Concat(Slowest(198)).Select(i => $"Cmp {i} to Cmp to {i}"), february.Slower.Select(s => s.Name));
        Assert.Equal([Stretch(Kilo, Lima, February)], february.Faster);
        Assert.Equal(Local + "/2025/2/changes/RUT", february.Alternate);
        Assert.Equal([Stretch(Kilo, Lima, January)], entries[1].Slower);
        Assert.Equal([Stretch(Mike, November, January)], entries[1].Faster);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), february.Item.LastUpdatedTime);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(1)), entries[1].Item.LastUpdatedTime);
        Assert.Equal(february.Item.LastUpdatedTime, feed.LastUpdatedTime);
        Assert.Equal(Local + "/feeds/RUT.atom", feed.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
    }

    [Fact]
    public async Task A_line_feed_lists_the_line_s_stretches_only()
    {
        var site = await FeedSite();

        var (_, entries, _) = await AtomFeeds.Get(site, $"/feeds/RUT/{LineRef}.atom");

        Assert.Equal(["Ruter line F1, February 2025: 1 stretch slower, 1 faster", "Ruter line F1, January 2025: 1 stretch slower, 1 faster"],
            entries.Select(e => e.Title));
        Assert.Equal([Stretch(Lima, Mike, February)], entries[0].Slower);
        Assert.Equal([Stretch(Kilo, Lima, February)], entries[0].Faster);
        Assert.Equal([Stretch(Kilo, Lima, January)], entries[1].Slower);
        Assert.Equal([Stretch(Mike, November, January)], entries[1].Faster);
        Assert.Equal($"{Local}/2025/1/changes/RUT/{LineRef}", entries[1].Alternate);
        Assert.Equal($"tag:kollektivkart.no,2026:feeds/RUT/{LineRef}/2025-01/weekday", entries[1].Id);
    }

    [Fact]
    public async Task A_stop_feed_lists_the_stretches_into_and_out_of_the_stop_and_its_links_open()
    {
        var site = await FeedSite();

        var (feed, entries, _) = await AtomFeeds.Get(site, $"/feeds/stops/{Mike.Id}.atom");

        Assert.Equal(["Mike, February 2025: 1 stretch slower, 0 faster", "Mike, January 2025: 0 stretches slower, 1 faster"], entries.Select(e => e.Title));
        Assert.Equal([Stretch(Lima, Mike, February)], entries[0].Slower);
        Assert.Empty(entries[0].Faster);
        Assert.Equal([Stretch(Mike, November, January)], entries[1].Faster);
        Assert.Equal($"{Local}/stops/{Mike.Id}?month=2025-02", entries[0].Alternate);
        foreach (var link in entries.Select(e => e.Alternate).Append(feed.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString()))
        {
            await site.GetOk(link[Local.Length..]);
        }
    }

    [Fact]
    public async Task Saturdays_have_their_own_feed_with_their_own_ids()
    {
        var site = await FeedSite();

        var (feed, entries, _) = await AtomFeeds.Get(site, "/feeds/RUT.atom?day=saturday");

        var entry = Assert.Single(entries);
        Assert.Equal("Ruter, February 2025, Saturdays: 2 stretches slower, 0 faster", entry.Title);
        // Alfa to Bravo from the hand-built changes rows (+80 s x 24 = 1,920 at 08) before Kilo to Lima (1,200 at 07).
        Assert.Equal(
            [
                new ListedStretch("Alfa to Bravo", Local + StretchFacts.StretchHref(HandBuiltStatsDb.Alfa.Id, HandBuiltStatsDb.Bravo.Id, February, HandBuiltStatsDb.Hour, Data.Calendar.DayType.Saturday)),
                Stretch(Kilo, Lima, February, "saturday"),
            ],
            entry.Slower);
        Assert.Equal("tag:kollektivkart.no,2026:feeds/RUT/saturday", feed.Id);
        Assert.Equal("tag:kollektivkart.no,2026:feeds/RUT/2025-02/saturday", entry.Id);
        Assert.Equal(Local + "/feeds/RUT.atom?day=saturday", feed.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
        Assert.Equal(Local + "/2025/2/changes/RUT?day=saturday", entry.Alternate);
    }

    [Fact]
    public async Task A_scope_without_changes_has_a_valid_feed_without_entries()
    {
        var site = await FeedSite();

        var (feed, entries, _) = await AtomFeeds.Get(site, "/feeds/ATB.atom");

        Assert.Empty(entries);
        // When the newest complete month, February, was complete.
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), feed.LastUpdatedTime);
    }

    [Fact]
    public async Task Ids_stay_the_same_across_site_starts_and_hosts_and_links_follow_the_public_base()
    {
        var first = await FeedSite();
        var second = await FeedSite(new Dictionary<string, string> { ["Feeds:PublicBaseUrl"] = "https://kollektivkart.example/" });

        foreach (var url in new[] { "/feeds/RUT.atom", $"/feeds/RUT/{LineRef}.atom", $"/feeds/stops/{Kilo.Id}.atom" })
        {
            var (feedA, entriesA, _) = await AtomFeeds.Get(first, url, ("Host", "one.example:8080"));
            var (feedB, entriesB, _) = await AtomFeeds.Get(second, url);

            Assert.Equal(feedA.Id, feedB.Id);
            Assert.Equal(entriesA.Select(e => (e.Id, e.Item.LastUpdatedTime)), entriesB.Select(e => (e.Id, e.Item.LastUpdatedTime)));
            Assert.Equal("http://one.example:8080" + url, feedA.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
            Assert.Equal("https://kollektivkart.example" + url, feedB.Links.Single(l => l.RelationshipType == "self").Uri.ToString());
            Assert.All(entriesB.SelectMany(e => e.Slower.Concat(e.Faster)), s => Assert.StartsWith("https://kollektivkart.example/stretches/", s.Href, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_tag_authority_is_configurable()
    {
        var site = await FeedSite(new Dictionary<string, string> { ["Feeds:TagAuthority"] = "example.org,2027-05" });

        var (feed, entries, _) = await AtomFeeds.Get(site, "/feeds/SKY.atom");

        Assert.Equal("tag:example.org,2027-05:feeds/SKY/weekday", feed.Id);
        Assert.Equal("tag:example.org,2027-05:feeds/SKY/2025-02/weekday", Assert.Single(entries).Id);
    }

    [Fact]
    public async Task A_cached_feed_asked_with_another_case_of_the_host_is_the_fresh_answer()
    {
        var site = await FeedSite();

        var first = await site.GetOk("/feeds/SKY.atom?case=1", ("Host", "Feeds.Example"));
        var second = await site.GetOk("/feeds/SKY.atom?case=1", ("Host", "feeds.example"));

        // The output cache keys on the host without its case: both must be what a fresh answer to either is.
        Assert.Contains("href=\"http://feeds.example/feeds/SKY.atom\"", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("/feeds/XYZ.atom", "XYZ")]
    [InlineData("/feeds/RUT/RUT:Line:999.atom", "RUT:Line:999")]
    [InlineData("/feeds/XYZ/RUT:Line:31.atom", "XYZ")]
    [InlineData("/feeds/stops/NSR:StopPlace:999.atom", "NSR:StopPlace:999")]
    [InlineData("/feeds/RUT.atom?day=funday", "funday")]
    public async Task An_unknown_scope_is_a_404_saying_what_was_not_found(string url, string unknown)
    {
        var site = await FeedSite();

        using var response = await site.Get(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\u201c{unknown}\u201d", Html.Parse(body).QuerySelector(".error-page p")?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_are_cacheable_and_open_to_any_origin_like_the_API()
    {
        var site = await FeedSite();

        using var response = await site.Get($"/feeds/stops/{Lima.Id}.atom", ("Origin", "https://reader.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=5400", response.Headers.CacheControl?.ToString());
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_browser_tab_gets_the_same_atom_as_xml_styled_by_the_feed_stylesheet_and_readers_get_atom()
    {
        var site = await FeedSite();
        const string url = "/feeds/RUT.atom";

        using var reader = await site.Get(url);
        using var tab = await site.Get(url, ("Sec-Fetch-Dest", "document"), ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        using var stylesheet = await site.Get("/feeds/feed.xsl");

        Assert.Equal("application/atom+xml; charset=utf-8", reader.Content.Headers.ContentType?.ToString());
        Assert.Equal("application/xml; charset=utf-8", tab.Content.Headers.ContentType?.ToString());
        Assert.Contains("Sec-Fetch-Dest", reader.Headers.Vary);
        var atom = await reader.Content.ReadAsStringAsync();
        Assert.Equal(atom, await tab.Content.ReadAsStringAsync());
        // The stylesheet instruction comes before the feed element, where browsers look for it; readers still parse the feed.
        Assert.Matches("^<\\?xml [^>]*\\?>\\s*<\\?xml-stylesheet type=\"text/xsl\" href=\"/feeds/feed.xsl\"\\?>\\s*<feed ", atom);
        AtomFeeds.Read(atom);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/xsl", stylesheet.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http://www.w3.org/1999/XSL/Transform", await stylesheet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/2025/2/8/legs/RUT", "/feeds/RUT.atom")]
    [InlineData("/2025/2/8/legs/RUT/RUT:Line:31?day=sunday", "/feeds/RUT/RUT:Line:31.atom?day=sunday")]
    [InlineData("/lines/ATB/ATB:Line:11", "/feeds/ATB/ATB:Line:11.atom")]
    [InlineData("/stops/NSR:StopPlace:23", "/feeds/stops/NSR:StopPlace:23.atom")]
    [InlineData("/stops/NSR:StopPlace:23?day=saturday", "/feeds/stops/NSR:StopPlace:23.atom?day=saturday")]
    public async Task Operator_line_and_stop_pages_link_their_feed_in_the_head_and_to_follow(string page, string feed)
    {
        var site = await data.Hand();

        var document = Html.Parse(await site.GetOk(page));
        var fragment = Html.Parse(await site.GetOk(page, ("HX-Request", "true")));

        var head = Assert.Single(document.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal(feed, head.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(head.GetAttribute("title")));
        foreach (var view in new[] { document.QuerySelector("#view")!, fragment.Body! })
        {
            var follow = Assert.Single(view.QuerySelectorAll("p.follow a"));
            Assert.Equal("Follow", follow.TextContent);
            // The follow page of the feed: the feed's address without /feeds and .atom, under /follow.
            Assert.Equal("/follow/" + feed["/feeds/".Length..].Replace(".atom", "", StringComparison.Ordinal), follow.GetAttribute("href"));
        }
        await AtomFeeds.Get(site, feed);
    }

    [Theory]
    [InlineData("/follow/RUT", "/feeds/RUT.atom")]
    [InlineData("/follow/RUT?day=saturday", "/feeds/RUT.atom?day=saturday")]
    [InlineData("/follow/RUT/RUT:Line:F1", "/feeds/RUT/RUT:Line:F1.atom")]
    [InlineData("/follow/stops/NSR:StopPlace:33", "/feeds/stops/NSR:StopPlace:33.atom")]
    public async Task The_follow_page_explains_the_feed_gives_its_address_and_lists_its_entries(string url, string feed)
    {
        var site = await FeedSite();
        var (atom, _, _) = await AtomFeeds.Get(site, feed);

        var page = Html.Parse(await site.GetOk(url));

        Assert.Equal("This is a feed", Html.Text(page.QuerySelector("main .feed-explained h2")!));
        Assert.Equal(atom.Links.Single(l => l.RelationshipType == "self").Uri.ToString(), page.QuerySelector("input#feed-address")!.GetAttribute("value"));
        Assert.Equal(feed, page.QuerySelector("main a[type='application/atom+xml']")!.GetAttribute("href"));
        Assert.Equal(feed, page.Head!.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
        var entries = page.QuerySelectorAll("ol.feed-entries > li > a").ToList();
        Assert.Equal(atom.Items.Select(i => i.Title.Text), entries.Select(a => a.TextContent));
        Assert.Equal(atom.Items.Select(i => i.Links.Single(l => l.RelationshipType == "alternate").Uri.PathAndQuery), entries.Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/follow/XYZ", "no operator")]
    [InlineData("/follow/RUT/RUT:Line:999", "has no line")]
    [InlineData("/follow/stops/NSR:StopPlace:999999", "no stop place")]
    [InlineData("/follow/a/b/c", "is not a feed")]
    [InlineData("/follow/RUT?day=monday", "no day type")]
    public async Task A_follow_page_of_no_feed_is_a_404_that_says_why(string url, string says)
    {
        var site = await FeedSite();

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
        NoStackTrace.In(body);
    }
}
