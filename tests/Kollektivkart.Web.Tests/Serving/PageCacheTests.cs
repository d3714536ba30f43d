using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// Views over stats.db are served again from memory, but never across a stats.db swap, a different address or
/// header that changes the answer, and never for /ready or /status.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PageCacheTests(SiteData data)
{
    private const int RefreshSeconds = 60;
    private const string HotSpotsApi = "/api/hot-spots/2025/2/8";
    private const string HotSpotsPage = "/2025/2/8/hot-spots";

    [Fact]
    public async Task A_repeated_request_is_answered_from_the_cache()
    {
        var site = await data.Hand();
        const string url = "/api/hot-spots/2025/2/3";

        using var first = await site.Get(url);
        using var second = await site.Get(url);

        // Other tests on this shared site may have asked first: the second answer is a cached one in any case.
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.Headers.Age.HasValue, "the second answer did not come from the cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_cache_every_request_is_answered_afresh()
    {
        var site = await data.Started(data.HandBuilt.Folder, HandBuiltStatsDb.Today,
            new Dictionary<string, string> { ["Serving:OutputCache"] = "false" });

        using var first = await site.Get(HotSpotsApi);
        using var second = await site.Get(HotSpotsApi);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Age.HasValue);
    }

    [Fact]
    public async Task A_cached_answer_is_replaced_when_a_newer_stats_db_is_swapped_in()
    {
        using var folder = new TempFolder();
        var pond = folder.Sub("pond");
        Directory.CreateDirectory(pond);
        File.Copy(Path.Combine(data.DemoPond, PondLayout.StatsDb), Path.Combine(pond, PondLayout.StatsDb));
        await using var site = Site.Start(pond, SiteData.DemoToday,
            new Dictionary<string, string> { ["Pond:RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await site.WaitUntilReady();
        var demoApi = await site.GetOk(HotSpotsApi);
        var demoFragment = await site.GetOk(HotSpotsPage, ("HX-Request", "true"));
        Assert.Equal(demoApi, await site.GetOk(HotSpotsApi));

        // As the job publishes: written aside, then moved over the served file.
        var aside = Path.Combine(pond, "stats.db.new");
        File.Copy(Path.Combine(data.HandBuilt.Folder, PondLayout.StatsDb), aside);
        File.Move(aside, Path.Combine(pond, PondLayout.StatsDb), overwrite: true);
        await site.AdvanceUntil(TimeSpan.FromSeconds(RefreshSeconds), async () => EndDate(await site.GetOk("/api/stats")) == "2025-03-03");

        var hand = await data.Hand(SiteData.DemoToday);
        var handApi = await site.GetOk(HotSpotsApi);
        Assert.NotEqual(demoApi, handApi);
        Assert.Equal(await hand.GetOk(HotSpotsApi), handApi);
        var handFragment = await site.GetOk(HotSpotsPage, ("HX-Request", "true"));
        Assert.NotEqual(demoFragment, handFragment);
        Assert.Contains(HandBuiltStatsDb.Alfa.Name, handFragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_and_its_fragment_are_cached_apart()
    {
        var site = await data.Hand();
        const string url = "/2025/2/8/hot-spots";

        for (var round = 0; round < 2; round++)
        {
            Assert.Contains("<html", await site.GetOk(url), StringComparison.Ordinal);
            Assert.DoesNotContain("<html", await site.GetOk(url, ("HX-Request", "true")), StringComparison.Ordinal);
            // A history restore asks for the whole page again, with the htmx header.
            Assert.Contains("<html", await site.GetOk(url, ("HX-Request", "true"), ("HX-History-Restore-Request", "true")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_different_query_string_gets_its_own_answer()
    {
        var site = await data.Hand();
        const string whole = "/api/leg-stats/2025/2/8/RUT";
        const string line = whole + "?line_ref=RUT:Line:31";

        var first = await site.GetOk(whole);
        var ofLine = await site.GetOk(line);

        Assert.NotEqual(first, ofLine);
        Assert.Equal(first, await site.GetOk(whole));
        Assert.Equal(ofLine, await site.GetOk(line));
        using var ascending = await site.Get("/2025/2/8/hot-spots?sort=hourly_count&dir=asc", ("HX-Request", "true"));
        using var descending = await site.Get("/2025/2/8/hot-spots?sort=hourly_count&dir=desc", ("HX-Request", "true"));
        Assert.NotEqual(await ascending.Content.ReadAsStringAsync(), await descending.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Paths_differing_in_case_are_not_served_each_others_answer()
    {
        var site = await data.Hand();

        await site.GetOk("/2025/2/8/legs/RUT");
        using var lower = await site.Get("/2025/2/8/legs/rut");

        Assert.Equal(HttpStatusCode.NotFound, lower.StatusCode);
    }

    [Fact]
    public async Task A_cross_origin_request_gets_the_CORS_header_after_a_same_origin_one_was_cached()
    {
        var site = await data.Hand();
        const string url = "/api/hot-spots/2025/1/3";

        using var plain = await site.Get(url);
        using var plainAgain = await site.Get(url);
        using var crossOrigin = await site.Get(url, ("Origin", "https://example.org"));

        // The API's answer does not depend on Origin, so the cross-origin request is served the cached one, with CORS.
        Assert.True(crossOrigin.Headers.Age.HasValue, "the cross-origin answer did not come from the cache");
        Assert.Equal("*", Assert.Single(crossOrigin.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("/2025/2/4/hot-spots", "</html>")]
    [InlineData("/api/hot-spots/2025/2/5", "\"name\"")]
    public async Task A_get_after_a_head_has_the_body(string url, string bodyHolds)
    {
        var site = await data.Hand();

        using var head = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        var body = await site.GetOk(url);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains(bodyHolds, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ready")]
    [InlineData("/status")]
    [InlineData("/status?format=json")]
    [InlineData("/2025/2/8/about")]
    public async Task Health_status_and_about_are_never_cached(string url)
    {
        var site = await data.Hand();

        using var first = await site.Get(url);
        using var second = await site.Get(url);

        Assert.False(second.Headers.Age.HasValue, $"{url} came from the cache");
    }

    [Fact]
    public async Task A_wrong_address_is_not_cached()
    {
        var site = await data.Hand();

        using var first = await site.Get("/2025/2/99/hot-spots");
        using var second = await site.Get("/2025/2/99/hot-spots");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(second.Headers.Age.HasValue);
    }


    private static string? EndDate(string stats)
    {
        using var json = JsonDocument.Parse(stats);
        return json.RootElement.GetProperty("date_range").GetProperty("end").GetString();
    }
}
