using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.About;

[Collection(SiteCollection.Name)]
public sealed class AboutPageTests(SiteData data)
{
    [Fact]
    public async Task The_about_page_says_what_the_data_covers()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/2025/2/8/about"));

        var text = Html.Text(page.QuerySelector("main")!);
        Assert.Contains("About Kollektivkart", text, StringComparison.Ordinal);
        Assert.Contains("2025-01-06 to 2025-03-03", text, StringComparison.Ordinal);
        Assert.Contains("January 2025, February 2025", text, StringComparison.Ordinal);
        Assert.Contains("12,345", text, StringComparison.Ordinal);
        Assert.Contains("Ruter (RUT), Skyss (SKY)", text, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/2025/2/8/hot-spots");
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/2025/2/8/comparison/2025/1");
    }

    [Fact]
    public async Task The_about_page_is_a_whole_page_for_htmx_too()
    {
        var site = await data.Hand();

        var body = await site.GetOk("/2025/2/8/about", ("HX-Request", "true"));

        Assert.Contains("<html", body, StringComparison.Ordinal);
    }
}
