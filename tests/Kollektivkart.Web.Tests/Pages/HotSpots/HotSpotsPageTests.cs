using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.HotSpots;

[Collection(SiteCollection.Name)]
public sealed class HotSpotsPageTests(SiteData data)
{
    private const string Url = "/2025/2/8/hot-spots";

    private async Task<(Site Site, ApiFrame Api)> HotSpots(int hour = Hour)
    {
        var site = await data.Hand();
        return (site, ApiFrame.Parse(await site.GetOk($"/api/hot-spots/2025/2/{hour}"), ApiFrame.LegStatFields));
    }

    [Fact]
    public async Task The_page_has_the_map_and_the_view_with_the_rows_of_the_api()
    {
        var (site, api) = await HotSpots();

        var page = await Views.FullPage(site, Url);

        Views.SameRows(Html.Table(page), api);
        Views.SameMarkers(page, api);
        Assert.Contains("February 2025", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_names_the_facts_once_and_each_marker_carries_its_values()
    {
        var (site, api) = await HotSpots();

        using var map = Html.MapData(await Views.FullPage(site, Url));

        var names = map.RootElement.GetProperty("factNames").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal("Operator", names[0]);
        Assert.Contains("Rush intensity", names);
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(api.Count, markers.Count);
        Assert.All(markers, m => Assert.Equal(names.Count, m.GetProperty("facts").GetArrayLength()));
        Assert.Equal(api.Cell("data_source", 0), markers[0].GetProperty("facts")[0].GetString());
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var (site, api) = await HotSpots();

        var fragment = await Views.Fragment(site, Url + "?lat=59.9&lon=10.7&zoom=11");

        Views.SameRows(Html.Table(fragment), api);
        Views.SameMarkers(fragment, api);
    }

    [Fact]
    public async Task A_history_restore_gets_the_whole_page()
    {
        var (site, api) = await HotSpots();

        var page = await Views.HistoryRestore(site, Url);

        Views.SameRows(Html.Table(page), api);
    }

    [Fact]
    public async Task The_csv_has_the_api_columns_and_the_rows_shown()
    {
        var (site, api) = await HotSpots();

        var csv = await Views.Csv(site, Url + "?handler=csv");

        Views.SameCsv(csv, api);
        Assert.Contains(csv, r => r.Contains($"Charlie to {Delta.Name}"));
    }

    [Fact]
    public async Task Sorting_by_vehicles_ascending_orders_the_table_and_its_csv()
    {
        var (site, _) = await HotSpots();
        long[] ascending = [22, 25, 30, 45];

        var page = await Views.FullPage(site, Url + "?sort=hourly_count&dir=asc");

        Assert.Equal(ascending, Html.Table(page).Column("hourly_count").Select(Views.Count));
        var link = page.QuerySelector("#view a[download]")?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.Equal(Url + "?handler=csv&sort=hourly_count&dir=asc", link);
        var csv = await Views.Csv(site, link);
        var column = Array.IndexOf(csv[0], "hourly_count");
        Assert.Equal(ascending, csv.Skip(1).Select(r => long.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stop_names_are_text_in_the_table_and_the_map_block()
    {
        var (site, _) = await HotSpots();

        var body = await site.GetOk(Url);

        Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
        var page = Html.Parse(body);
        Assert.Contains(Html.Table(page).Rows, r => r[0] == Html.Stretch(Charlie.Name, Delta.Name));
        using var map = Html.MapData(page);
        Assert.Contains(map.RootElement.GetProperty("markers").EnumerateArray(), m => m.GetProperty("title").GetString() == $"Charlie to {Delta.Name}");
    }

    [Fact]
    public async Task The_page_shows_the_1000_hot_spots_the_api_gives()
    {
        var (site, api) = await HotSpots(HotSpotHour);

        var page = await Views.FullPage(site, $"/2025/2/{HotSpotHour}/hot-spots");

        Assert.Equal(1000, api.Count);
        Views.SameRows(Html.Table(page), api);
    }
}
