using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>Pages allow scripts from the site only, cannot be framed or sniffed, and keep the referrer to the origin.</summary>
[Collection(SiteCollection.Name)]
public sealed class SecurityHeaderTests(SiteData data)
{
    [Theory]
    [InlineData("/2025/2/8/hot-spots", 200)]
    [InlineData("/2025/2/8/legs/RUT/RUT:Line:31", 200)]
    [InlineData("/2025/2/8/comparison/2025/1", 200)]
    [InlineData("/2025/2/8/about", 200)]
    [InlineData("/status", 200)]
    [InlineData("/2031/1/8/hot-spots", 404)]
    public async Task Pages_carry_the_security_headers(string url, int status)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        Assert.Equal(status, (int)response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/2025/2/8/hot-spots"));

        Assert.All(page.QuerySelectorAll("script"), script =>
            Assert.True(script.HasAttribute("src") || script.GetAttribute("type") == "application/json", script.OuterHtml[..Math.Min(80, script.OuterHtml.Length)]));
    }

    [Fact]
    public async Task A_server_error_page_carries_them_too_and_no_stack_trace()
    {
        using var folder = new TempFolder();
        var built = HandBuiltStatsDb.Build(Path.Combine(data.DemoPond, PondLayout.StatsDb), folder.Sub("broken"));
        // A stats.db the site's check accepts (every table, this schema version) whose line_direction lost a column:
        // the line page's query fails, which is what a 500 looks like.
        using (var connection = DuckDbConnections.Open(built.Path))
        {
            connection.Execute("ALTER TABLE line_direction RENAME COLUMN destination TO lost");
        }
        await using var site = Site.Start(built.Folder, HandBuiltStatsDb.Today);
        await site.WaitUntilReady();

        using var response = await site.Get("/lines/ATB/ATB:Line:11");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Contains("script-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        NoStackTrace.In(await response.Content.ReadAsStringAsync());
    }
}
