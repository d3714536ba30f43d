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
}
