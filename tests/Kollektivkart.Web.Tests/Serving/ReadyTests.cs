using System.Net;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>/ready is the proxy's health check: 200 once stats.db is loaded, 503 (with the reason) before.</summary>
[Collection(SiteCollection.Name)]
public sealed class ReadyTests(SiteData data)
{
    private const string Missing = "does not exist";

    [Fact]
    public async Task A_loaded_site_is_ready()
    {
        var site = await data.Hand();

        using var response = await site.Get("/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Ready_names_the_instance_that_answered_the_same_every_time_and_apart_from_another()
    {
        var site = await data.Hand();
        await using var other = Site.Start(data.EmptyPond, HandBuiltStatsDb.Today);

        var first = await Instance(site, "/ready");
        Assert.Matches("^[0-9a-f]{12}$", first);
        Assert.Equal(first, await Instance(site, "/ready"));
        // Unready answers carry it too, so a restart script can tell the new process from the old one.
        Assert.NotEqual(first, await Instance(other, "/ready"));
    }

    private static async Task<string> Instance(Site site, string url)
    {
        using var response = await site.Get(url);
        return Assert.Single(response.Headers.GetValues(Kollektivkart.Web.Serving.HealthEndpoints.InstanceHeader));
    }

    [Fact]
    public async Task Without_stats_db_the_site_is_unready_and_says_why_everywhere()
    {
        await using var site = Site.Start(data.EmptyPond, HandBuiltStatsDb.Today);

        var ready = await site.WaitUntilLoadFailed(Missing);
        Assert.Contains(data.EmptyPond, ready, StringComparison.Ordinal);

        foreach (var (method, url) in new[]
        {
            ("GET", "/"), ("GET", "/2025/2/8/hot-spots"), ("GET", "/2025/2/8/legs/RUT/RUT:Line:31?lat=1&lon=2&zoom=3"),
            ("GET", "/no/such/page"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            using var page = await site.Client.SendAsync(request);
            var body = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains(Missing, Html.Text(Html.Parse(body).QuerySelector("main")!), StringComparison.Ordinal);
            NoStackTrace.In(body);
        }

        // The site only reads, loaded or not: other methods are refused as such.
        foreach (var method in new[] { "POST", "DELETE", "PUT" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/2025/2/8/hot-spots");
            using var refused = await site.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
            Assert.Equal("GET, HEAD", refused.Content.Headers.Allow.Count > 0 ? string.Join(", ", refused.Content.Headers.Allow) : string.Join(", ", refused.Headers.GetValues("Allow")));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("only answers GET", body, StringComparison.Ordinal);
            NoStackTrace.In(body);
        }

        using var api = await site.Get("/api/hot-spots/2025/2/8");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        using (var error = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
        {
            Assert.Contains(Missing, error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var status = await site.Get("/status?format=json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data_date").ValueKind);
    }
}
