using Kollektivkart.Web.Tests.Feeds;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>Feeds in Chromium: a stop page's Follow link opens its Atom feed, which shows as a page that explains it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedBrowserTests(SiteData data)
{
    [Fact]
    public async Task Following_a_stop_s_feed_link_gets_the_stop_s_feed()
    {
        var site = await data.Browser();
        var stopId = (await site.Api("/api/hot-spots/2025/2/15")).GetProperty("to_stop_id")[0].GetString()!;
        var page = await site.NewPage();
        await page.GotoAsync($"/stops/{stopId}");
        var follow = page.Locator("#view p.follow a");
        await Assertions.Expect(follow).ToHaveTextAsync("Follow");
        var feedHref = await page.Locator("head link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href");

        // Follow opens a page that explains the feed and gives its address; from there the feed itself.
        await follow.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/follow/stops/{stopId}", StringComparison.Ordinal), MapViewBrowserTests.Committed);
        Assert.Equal(new Uri(site.BaseAddress, feedHref).ToString(), await page.Locator("input#feed-address").InputValueAsync());
        await MapViewBrowserTests.Screenshot(page, "follow-page");
        var open = page.Locator("main a[type='application/atom+xml']");
        Assert.Equal(feedHref, await open.GetAttributeAsync("href"));
        var response = await page.RunAndWaitForResponseAsync(() => open.ClickAsync(), r => r.Url.Contains("/feeds/stops/", StringComparison.Ordinal));

        Assert.Equal(200, response.Status);
        // A browser tab gets the Atom as XML, which Chromium styles with the feed's stylesheet; feed readers get atom+xml.
        Assert.Equal("application/xml; charset=utf-8", response.Headers["content-type"]);
        // The tab shows the feed through its stylesheet, and Chromium may hand back the transformed page as the body: read
        // the address it opened as a feed reader does (the same bytes, FeedTests checks).
        using var reader = new HttpClient();
        var (feed, _) = AtomFeeds.Read(await reader.GetStringAsync(response.Url));
        Assert.Equal(new Uri(site.BaseAddress, $"/feeds/stops/{stopId}.atom"), feed.Links.Single(l => l.RelationshipType == "self").Uri);
        Assert.EndsWith($"feeds/stops/{stopId}/weekday", feed.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_opened_in_the_browser_explains_itself_gives_its_address_and_lists_its_entries()
    {
        // The hand-built stats.db: Ruter's Saturdays got slower in February, so its Saturday feed has an entry.
        var site = await data.HandBrowser();
        var feedUrl = new Uri(site.BaseAddress, "/feeds/RUT.atom?day=saturday");
        using var http = new HttpClient();
        var (feed, _) = AtomFeeds.Read(await http.GetStringAsync(feedUrl));
        var page = await site.NewPage();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync(feedUrl.ToString());

        // Chromium applied feed.xsl: a page with the site's header, not the XML tree.
        await Assertions.Expect(page.Locator("h2", new PageLocatorOptions { HasText = "This is a feed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(feed.Title.Text);
        Assert.Equal(feedUrl.ToString(), await page.Locator("input#feed-address").InputValueAsync());
        var entries = page.Locator("ol.feed-entries > li > a");
        Assert.Equal(feed.Items.Select(i => i.Title.Text), await entries.AllTextContentsAsync());
        Assert.NotEmpty(feed.Items);
        Assert.Equal(feed.Items.Select(i => i.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString()),
            await entries.EvaluateAllAsync<string[]>("links => links.map(a => a.href)"));
        // The site's stylesheet applies: the page is styled as the site, within its Content-Security-Policy.
        Assert.Equal("rgb(19, 40, 61)", await page.Locator("header.site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        // Chromium 156 adds its own XSLT deprecation banner, whose inline handler the policy blocks; the page has none of its own.
        Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"));
        Assert.True(!errors.Any(e => e.Contains("Content Security Policy", StringComparison.Ordinal) && !e.Contains("inline event handler", StringComparison.Ordinal)),
            string.Join("\n", errors));
        await MapViewBrowserTests.Screenshot(page, "feed-in-browser");
    }
}
