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
