using System.Net;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Status;

/// <summary>/status is what the uptime monitor polls: 503 once the newest operating date is older than 3 days.</summary>
[Collection(SiteCollection.Name)]
public sealed class StatusPageTests(SiteData data)
{
    [Theory]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(3, HttpStatusCode.OK)]
    [InlineData(4, HttpStatusCode.ServiceUnavailable)]
    public async Task Data_older_than_3_days_is_stale(int ageDays, HttpStatusCode expected)
    {
        var site = await data.Hand(LastDate.AddDays(ageDays));

        using var response = await site.Get("/status", ("Accept", "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var stale = expected != HttpStatusCode.OK;
        Assert.Equal(stale ? "stale" : "ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("2025-03-03", json.RootElement.GetProperty("data_date").GetString());
        Assert.Equal(ageDays, json.RootElement.GetProperty("age_days").GetInt32());
        Assert.Equal(stale, json.RootElement.GetProperty("stale").GetBoolean());
    }

    [Theory]
    [InlineData(0, "The newest operating date in the data is 2025-03-03, today. Data older than 3 days counts as stale.")]
    [InlineData(1, "The newest operating date in the data is 2025-03-03, 1 day ago. Data older than 3 days counts as stale.")]
    [InlineData(2, "The newest operating date in the data is 2025-03-03, 2 days ago. Data older than 3 days counts as stale.")]
    public async Task The_page_says_the_data_s_age_in_words(int ageDays, string says)
    {
        var site = await data.Hand(LastDate.AddDays(ageDays));

        var page = Html.Parse(await site.GetOk("/status"));

        Assert.Equal(says, Html.Text(page.QuerySelector("main p")!));
    }

    [Fact]
    public async Task Stale_data_keeps_the_site_ready()
    {
        var site = await data.Hand(LastDate.AddDays(4));

        using var ready = await site.Get("/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Format_json_in_the_address_gives_json_and_people_get_a_page()
    {
        var site = await data.Hand(LastDate.AddDays(4));

        using var json = await site.Get("/status?format=json");
        using var page = await site.Get("/status", ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoStore);
        var text = Html.Text(Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("main")!);
        Assert.Contains("Data status: stale", text, StringComparison.Ordinal);
        Assert.Contains("2025-03-03", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_age_limit_is_configurable()
    {
        var site = await data.Started(data.HandBuilt.Folder, LastDate.AddDays(5),
            new Dictionary<string, string> { ["Serving:StaleAfterDays"] = "5" });

        using var response = await site.Get("/status?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
