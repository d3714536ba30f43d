using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.Legs;

[Collection(SiteCollection.Name)]
public sealed class LegsPageTests(SiteData data)
{
    // The original's links keep the line ref's colons.
    private const string LineUrl = "/2025/2/8/legs/RUT/RUT:Line:31";

    private async Task<(Site Site, ApiFrame Api)> Legs(string api)
    {
        var site = await data.Hand();
        return (site, ApiFrame.Parse(await site.GetOk(api), ApiFrame.LegStatFields).WorstFirst());
    }

    [Theory]
    [InlineData("/2025/2/8/legs/RUT", "/api/leg-stats/2025/2/8/RUT")]
    [InlineData("/2025/2/8/legs/SKY", "/api/leg-stats/2025/2/8/SKY")]
    [InlineData(LineUrl, "/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31")]
    [InlineData("/2025/2/8/legs/RUT/RUT:Line:5", "/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:5")]
    public async Task The_page_shows_the_rows_of_the_api(string url, string apiUrl)
    {
        var (site, api) = await Legs(apiUrl);

        var page = await Views.FullPage(site, url);

        Assert.NotEqual(0, api.Count);
        Views.SameRows(Html.Table(page), api);
        await Views.SameMarkers(site, page, api);
    }

    [Fact]
    public async Task A_line_page_names_the_line_and_selects_it()
    {
        var (site, _) = await Legs("/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31");

        var page = await Views.FullPage(site, LineUrl);

        Assert.Contains("Ruter line 31", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
        Assert.Equal("RUT:Line:31", page.QuerySelector("select[name=line] option[selected]")?.GetAttribute("value"));
        Assert.Equal("RUT", page.QuerySelector("select[name=ds] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var (site, api) = await Legs("/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31");

        var fragment = await Views.Fragment(site, LineUrl + "?lat=59.9&lon=10.7&zoom=11");

        Views.SameRows(Html.Table(fragment), api);
        var history = await Views.HistoryRestore(site, LineUrl);
        Views.SameRows(Html.Table(history), api);
    }

    [Fact]
    public async Task The_csv_has_the_api_columns_and_the_rows_shown()
    {
        var (site, api) = await Legs("/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:31");

        Views.SameCsv(await Views.Csv(site, LineUrl + "?handler=csv"), api);
    }

    [Fact]
    public async Task Sorting_by_vehicles_ascending_orders_the_table()
    {
        var (site, _) = await Legs("/api/leg-stats/2025/2/8/RUT");

        var page = await Views.FullPage(site, "/2025/2/8/legs/RUT?sort=hourly_count&dir=asc");

        Assert.Equal([25L, 30, 45], Html.Table(page).Column("hourly_count").Select(Views.Count));
    }
}
