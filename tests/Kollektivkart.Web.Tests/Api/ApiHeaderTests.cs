using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>Any origin may call the API, and caches may keep an answer for 90 minutes.</summary>
[Collection(SiteCollection.Name)]
public sealed class ApiHeaderTests(SiteData data)
{
    [Theory]
    [InlineData("/api/stats")]
    [InlineData("/api/hot-spots/2025/2/8")]
    [InlineData("/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31")]
    [InlineData("/api/comparison/2025/2/2025/1/8?&")]
    [InlineData("/api/changes/2025/2?baseline=2025-01&day_type=saturday")]
    public async Task Api_answers_allow_any_origin_and_are_cacheable(string url)
    {
        var site = await data.Hand();

        using var response = await site.Get(url, ("Origin", "https://example.org"), ("Accept", "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("public, max-age=5400", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/stats")]
    [InlineData("/api/partitions")]
    [InlineData("/api/hot-spots/2025/2/8")]
    [InlineData("/")]
    [InlineData("/legs")]
    [InlineData("/changes")]
    public async Task Head_answers_as_get_does(string url)
    {
        var site = await data.Hand();

        using var get = await site.Get(url);
        using var head = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        // Uptime monitors and proxies probe with HEAD; a 405 there would read as an outage.
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Headers.Location, head.Headers.Location);
    }
}
