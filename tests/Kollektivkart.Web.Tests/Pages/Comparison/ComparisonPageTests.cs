using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Comparison;

[Collection(SiteCollection.Name)]
public sealed class ComparisonPageTests(SiteData data)
{
    private const string Url = "/2025/2/8/comparison/2025/1";

    private async Task<(Site Site, ApiFrame Api)> Comparison(string api)
    {
        var site = await data.Hand();
        return (site, ApiFrame.Parse(await site.GetOk(api), ApiFrame.ComparisonFields).WorstFirst());
    }

    [Theory]
    [InlineData(Url, "/api/comparison/2025/2/2025/1/8?&")]
    [InlineData(Url + "/SKY", "/api/comparison/2025/2/2025/1/8?&data_source=SKY")]
    [InlineData(Url + "/RUT/RUT:Line:31", "/api/comparison/2025/2/2025/1/8?&data_source=RUT&line_ref=RUT:Line:31")]
    public async Task The_page_shows_the_rows_of_the_api(string url, string apiUrl)
    {
        var (site, api) = await Comparison(apiUrl);

        var page = await Views.FullPage(site, url);

        Assert.NotEqual(0, api.Count);
        Views.SameRows(Html.Table(page), api);
        await Views.SameMarkers(site, page, api);
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var (site, api) = await Comparison("/api/comparison/2025/2/2025/1/8?&data_source=RUT&line_ref=RUT:Line:31");
        var url = Url + "/RUT/RUT:Line:31?lat=59.9&lon=10.7&zoom=11";

        Views.SameRows(Html.Table(await Views.Fragment(site, url)), api);
        Views.SameRows(Html.Table(await Views.HistoryRestore(site, url)), api);
    }

    [Theory]
    [InlineData(Url + "/RUT/RUT:Line:31", true)]
    [InlineData(Url + "/SKY", true)]
    [InlineData(Url, false)]
    [InlineData(Url + "/RUT/RUT:Line:31?lat=59.9&lon=10.7&zoom=11", true)]
    public async Task The_map_fits_one_operators_stretches_and_keeps_the_country_view_for_all(string url, bool fit)
    {
        var site = await data.Hand();

        using var map = await Views.MapData(site, await Views.FullPage(site, url));

        // All operators: the country view. A shared position is kept by map.js, which fits only an address without one
        // (MapViewBrowserTests): the answer is the same at every position.
        Assert.Equal(fit, map.RootElement.GetProperty("fit").GetBoolean());
    }

    [Fact]
    public async Task The_csv_has_the_api_columns_and_the_rows_shown()
    {
        var (site, api) = await Comparison("/api/comparison/2025/2/2025/1/8?&");

        Views.SameCsv(await Views.Csv(site, Url + "?handler=csv"), api);
    }

    [Fact]
    public async Task Sorting_by_vehicles_now_ascending_orders_the_table_and_its_csv()
    {
        var (site, _) = await Comparison("/api/comparison/2025/2/2025/1/8?&");

        var page = await Views.FullPage(site, Url + "?sort=cur_count&dir=asc");

        Assert.Equal([22L, 30, 45], Html.Table(page).Column("cur_count").Select(Views.Count));
        var csv = await Views.Csv(site, Url + "?handler=csv&sort=cur_count&dir=asc");
        var column = Array.IndexOf(csv[0], "cur_hourly_count");
        Assert.Equal(["22", "30", "45"], csv.Skip(1).Select(r => r[column]));
    }

    [Fact]
    public async Task All_operators_show_the_2000_largest_changes_and_say_so()
    {
        var (site, api) = await Comparison($"/api/comparison/2025/2/2025/1/{ComparisonHour}?&");
        var url = $"/2025/2/{ComparisonHour}/comparison/2025/1";

        var fragment = await Views.Fragment(site, url);

        Assert.Contains("the 2,000 largest changes", Html.Text(fragment.QuerySelector(".summary")!), StringComparison.Ordinal);
        Views.SameRows(Html.Table(fragment), api);
        Assert.Equal(2001, (await Views.Csv(site, url + "?handler=csv")).Count);
    }
}
