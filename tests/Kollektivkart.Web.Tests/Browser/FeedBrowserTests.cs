using Kollektivkart.Web.Tests.Feeds;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>Feeds in Chromium: a stop page's Follow link opens its Atom feed.</summary>
[Collection(SiteCollection.Name)]
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
        Assert.Equal(await follow.GetAttributeAsync("href"),
            await page.Locator("head link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href"));

        var response = await page.RunAndWaitForResponseAsync(() => follow.ClickAsync(), r => r.Url.Contains("/feeds/stops/", StringComparison.Ordinal));

        Assert.Equal(200, response.Status);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Headers["content-type"]);
        var (feed, _) = AtomFeeds.Read(await response.TextAsync());
        Assert.Equal(new Uri(site.BaseAddress, $"/feeds/stops/{stopId}.atom"), feed.Links.Single(l => l.RelationshipType == "self").Uri);
        Assert.EndsWith($"feeds/stops/{stopId}/weekday", feed.Id, StringComparison.Ordinal);
    }
}
