using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.Stretches;

/// <summary>
/// Every stretch in a view's table and map tooltips links to its stretch page looked at in the view's month, hour and
/// day type, and its stops to their pages on the same day type (a weekday left out of both).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StretchLinkTests(SiteData data)
{
    [Theory]
    [InlineData("/2025/2/8/hot-spots?day=saturday", "month=2025-02&hour=8&day=saturday", "?day=saturday")]
    [InlineData("/2025/2/8/legs/RUT?day=sunday", "month=2025-02&hour=8&day=sunday", "?day=sunday")]
    [InlineData("/2025/2/8/legs/RUT/RUT:Line:31", "month=2025-02&hour=8", "")]
    [InlineData("/2025/2/8/comparison/2025/1", "month=2025-02&hour=8", "")]
    [InlineData("/stops/NSR:StopPlace:1?month=2025-02&hour=8&day=saturday", "month=2025-02&hour=8&day=saturday", "?day=saturday")]
    [InlineData("/stops/NSR:StopPlace:23?month=2025-01", "month=2025-01&hour=15", "")]
    [InlineData("/lines/RUT/RUT:Line:31?month=2025-02&hour=8&day=saturday", "month=2025-02&hour=8&day=saturday", "?day=saturday")]
    [InlineData("/lines/ATB/ATB:Line:3?month=2025-02&hour=15", "month=2025-02&hour=15", "")]
    public async Task Table_rows_and_tooltips_link_the_stretch_page_as_the_view_is_looked_at(string url, string stretchQuery, string stopQuery)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, url);

        var rows = page.QuerySelectorAll("#view table.data-table tbody th[scope=row]")
            .Where(th => th.QuerySelector("a.stretch-link") is not null)
            .Select(th => th.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToArray())
            .ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, links => Assert.Equal([links[0], StretchOf(links[0], links[2], stretchQuery, stopQuery), links[2]], links));
        Assert.All(rows, links => Assert.StartsWith("/stops/", links[0], StringComparison.Ordinal));
        using var map = await Views.MapData(site, page);
        var tooltips = Views.MarkerTexts(map).Select(m => m.Links.Select(l => l.Href).ToArray()).ToList();
        Assert.NotEmpty(tooltips);
        Assert.All(tooltips, links => Assert.Equal([StretchOf(links[1], links[2], stretchQuery, stopQuery), links[1], links[2]], links));
        await PageParts.AllAnswer(site, rows.Take(3).SelectMany(r => r));
    }

    /// <summary>The stretch page's address between two stop links.</summary>
    private static string StretchOf(string fromStop, string toStop, string stretchQuery, string stopQuery)
    {
        string Id(string stopHref)
        {
            Assert.EndsWith(stopQuery, stopHref, StringComparison.Ordinal);
            return stopHref["/stops/".Length..^stopQuery.Length];
        }
        return $"/stretches/{Id(fromStop)}/{Id(toStop)}?{stretchQuery}";
    }
}
