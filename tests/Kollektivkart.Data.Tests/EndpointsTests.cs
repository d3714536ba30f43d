namespace Kollektivkart.Data.Tests;

/// <summary>The endpoint variables' one reading (design.md, Configuration).</summary>
public sealed class EndpointsTests
{
    [Theory]
    [InlineData("hel1.your-objectstorage.com", "https://hel1.your-objectstorage.com/")]
    [InlineData("  storage.bunnycdn.com  ", "https://storage.bunnycdn.com/")]
    [InlineData("http://127.0.0.1:4568", "http://127.0.0.1:4568/")]
    [InlineData("https://example.com/root", "https://example.com/root/")]
    [InlineData("https://example.com/root/", "https://example.com/root/")]
    public void A_host_means_https_and_a_url_keeps_its_scheme_with_a_trailing_slash(string value, string expected)
    {
        Assert.True(Endpoints.TryParse(value, out var url));
        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://example.com")]
    [InlineData("https://example.com/?x=1")]
    [InlineData("http://")]
    public void Anything_else_is_refused(string? value) => Assert.False(Endpoints.TryParse(value, out _));
}
