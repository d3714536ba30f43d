using System.Net;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Selection;

/// <summary>Short addresses open the newest offered month at 15:00; /select turns the selector form into a view's address.</summary>
[Collection(SiteCollection.Name)]
public sealed class RedirectTests(SiteData data)
{
    [Theory]
    [InlineData("/", "/2025/2/15/hot-spots")]
    [InlineData("/legs", "/2025/2/15/legs/RUT")]
    [InlineData("/comparison", "/2025/2/15/comparison/2025/1")]
    [InlineData("/about", "/2025/2/15/about")]
    [InlineData("/?lat=59.9&lon=10.7&zoom=11", "/2025/2/15/hot-spots?lat=59.9&lon=10.7&zoom=11")]
    [InlineData("/changes", "/2025/2/changes")]
    [InlineData("/changes?day=saturday&lat=59.9&lon=10.7&zoom=11", "/2025/2/changes?day=saturday&lat=59.9&lon=10.7&zoom=11")]
    public async Task Short_addresses_open_the_newest_offered_month(string url, string target)
    {
        var site = await data.Hand();

        Assert.Equal(target, await RedirectOf(site, url));
    }

    [Fact]
    public async Task A_month_is_the_newest_once_it_is_a_week_old()
    {
        var site = await data.Hand(March.AddDays(7));

        Assert.Equal("/2025/3/15/hot-spots", await RedirectOf(site, "/"));
        Assert.Equal("/2025/3/15/comparison/2025/2", await RedirectOf(site, "/comparison"));
        Assert.Equal("/2025/3/changes", await RedirectOf(site, "/changes"));
    }

    /// <summary>What a person gets by editing an address's last segment, keeping the day and the map position.</summary>
    [Theory]
    [InlineData("/2025/2/8/comparison", "/2025/2/8/comparison/2025/1")]
    [InlineData("/2025/2/8/comparison?day=sunday&lat=59.9&lon=10.7&zoom=11", "/2025/2/8/comparison/2025/1?day=sunday&lat=59.9&lon=10.7&zoom=11")]
    [InlineData("/2025/2/15/changes", "/2025/2/changes")]
    [InlineData("/2025/2/8/changes?day=saturday&lat=59.9&lon=10.7&zoom=11", "/2025/2/changes?day=saturday&lat=59.9&lon=10.7&zoom=11")]
    [InlineData("/2025/2/8/changes/RUT/RUT:Line:31?baseline=2025-01", "/2025/2/changes/RUT/RUT:Line:31?baseline=2025-01")]
    public async Task An_edited_address_opens_the_view_it_names(string url, string target)
    {
        var site = await data.Hand();

        Assert.Equal(target, await RedirectOf(site, url));
        await site.GetOk(target);
    }

    [Theory]
    [InlineData("/select?view=changes&month=2025-03&prev=2025-01&shown=2025-03&day=saturday", "/2025/3/changes?baseline=2025-01&day=saturday")]
    [InlineData("/select?view=changes&month=2025-03&prev=2025-02&shown=2025-03", "/2025/3/changes")]
    [InlineData("/select?view=changes&month=2025-03&prev=2025-01&shown=2025-02", "/2025/3/changes")]
    [InlineData("/select?view=changes&month=2025-02&prev=2025-03&shown=2025-02&hour=8", "/2025/2/changes")]
    [InlineData("/select?view=changes&month=2025-03&prev=2025-01&shown=2025-03&ds=RUT&line=RUT:Line:31", "/2025/3/changes/RUT/RUT:Line:31?baseline=2025-01")]
    [InlineData("/select?view=changes&month=2025-03&ds=&line=RUT:Line:31&lat=59.9&lon=10.7&zoom=11", "/2025/3/changes?lat=59.9&lon=10.7&zoom=11")]
    public async Task Select_keeps_a_chosen_baseline_and_gives_a_newly_chosen_month_the_month_before(string url, string target)
    {
        var site = await data.Hand(March.AddDays(7));

        Assert.Equal(target, await RedirectOf(site, url));
        await site.GetOk(target);
    }

    [Theory]
    [InlineData("/select?view=legs&month=2025-02&hour=8&ds=RUT&line=RUT:Line:31&lat=59.91&lon=10.75&zoom=12",
        "/2025/2/8/legs/RUT/RUT:Line:31?lat=59.91&lon=10.75&zoom=12")]
    [InlineData("/select?view=legs&month=2025-02&hour=8&ds=SKY&line=RUT:Line:31&lat=59.91&lon=10.75&zoom=12",
        "/2025/2/8/legs/SKY?lat=59.91&lon=10.75&zoom=12")]
    [InlineData("/select?view=legs&month=2025-01&hour=9&ds=RUT&line=",
        "/2025/1/9/legs/RUT")]
    [InlineData("/select?view=hot-spots&month=2025-01&hour=7",
        "/2025/1/7/hot-spots")]
    [InlineData("/select?view=comparison&month=2025-02&hour=8&prev=2025-01&ds=RUT&line=RUT:Line:31",
        "/2025/2/8/comparison/2025/1/RUT/RUT:Line:31")]
    [InlineData("/select?view=comparison&month=2025-02&hour=8&prev=2025-01&ds=&line=RUT:Line:31",
        "/2025/2/8/comparison/2025/1")]
    [InlineData("/select?view=about&month=2025-02&hour=8",
        "/2025/2/8/about")]
    // "Compared with" holds earlier months only: a month chosen at or after it goes with the newest month before it.
    [InlineData("/select?view=comparison&month=2025-02&hour=8&prev=2025-02",
        "/2025/2/8/comparison/2025/1")]
    [InlineData("/select?view=comparison&month=2025-01&hour=8&prev=2025-02",
        "/2025/1/8/comparison/2024/12")]
    public async Task Select_redirects_to_the_views_own_address(string url, string target)
    {
        var site = await data.Hand();

        Assert.Equal(target, await RedirectOf(site, url));
        await site.GetOk(target);
    }

    private static async Task<string> RedirectOf(Site site, string url)
    {
        using var response = await site.Get(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}
