using System.Net;
using Kollektivkart.Data.Demo;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kollektivkart.Web.Tests.Pages.Errors;

/// <summary>While the demo pond is built every page is a calm "Getting ready" notice with how far it has come, not an error.</summary>
[Collection(SiteCollection.Name)]
public sealed class GettingReadyTests(SiteData data)
{
    [Fact]
    public async Task Pages_say_getting_ready_with_the_progress_as_a_figure_in_a_status_that_refreshes_itself()
    {
        await using var site = Site.Start(data.EmptyPond, HandBuiltStatsDb.Today);
        await site.WaitUntilLoadFailed("does not exist");
        var provider = site.Services.GetRequiredService<StatsDbProvider>();

        provider.Building(new DemoPondProgress("Writing the demo data", 26, 75, " days, 1,234 arrivals"));
        using var response = await site.Get("/2025/2/8/hot-spots");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("Refresh")));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var notice = page.QuerySelector("main section")!;
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.Contains("notice", notice.ClassList);
        Assert.DoesNotContain("error-page", notice.ClassList);
        Assert.Equal("Getting ready", Html.Text(notice.QuerySelector("h1")!));
        Assert.Equal("Writing the demo data: 26 of 75", Html.Text(notice.QuerySelector(".progress-figure")!));
        var bar = notice.QuerySelector("progress")!;
        Assert.Equal(("75", "26"), (bar.GetAttribute("max"), bar.GetAttribute("value")));
        Assert.StartsWith("Getting ready", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_that_cannot_load_its_data_says_why_as_an_error()
    {
        await using var site = Site.Start(data.EmptyPond, HandBuiltStatsDb.Today);
        await site.WaitUntilLoadFailed("does not exist");

        using var response = await site.Get("/");

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The data cannot be served", Html.Text(page.QuerySelector("main .error-page h1")!));
        Assert.Null(page.QuerySelector("progress"));
        Assert.False(response.Headers.Contains("Refresh"));
    }
}
