using System.Net;
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
        return (site, ApiFrame.Parse(await site.GetOk($"/api/hot-spots/2025/2/{hour}"), ApiFrame.LegStatFields).WorstFirst());
    }

    [Fact]
    public async Task The_page_has_the_map_and_the_view_with_the_rows_of_the_api()
    {
        var (site, api) = await HotSpots();

        var page = await Views.FullPage(site, Url);

        Views.SameRows(Html.Table(page), api);
        await Views.SameMarkers(site, page, api);
        Assert.Contains("February 2025", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_names_the_facts_once_and_each_marker_carries_its_values()
    {
        var (site, api) = await HotSpots();

        using var map = await Views.MapData(site, await Views.FullPage(site, Url));

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
        await Views.SameMarkers(site, fragment, api);
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
        using var map = await Views.MapData(site, page);
        Assert.Contains(Views.MarkerTexts(map), m => m.Title == $"Charlie to {Delta.Name}");
    }

    [Fact]
    public async Task The_page_shows_the_first_100_of_the_1000_hot_spots_and_links_to_all_of_them()
    {
        var (site, api) = await HotSpots(HotSpotHour);
        var url = $"/2025/2/{HotSpotHour}/hot-spots";

        var page = await Views.FullPage(site, url);

        Assert.Equal(1000, api.Count);
        Views.SameRows(Html.Table(page), api);
        await Views.SameMarkers(site, page, api);
        var more = page.QuerySelector("#view .more-rows a");
        Assert.NotNull(more);
        Assert.Equal("Show all 1,000 rows", Html.Text(more));
        Assert.Equal(url + "?rows=all", more.GetAttribute("href"));
        // A plain link: it works without JavaScript, and its address can be shared.
        Views.SameRows(Html.Table(await Views.FullPage(site, more.GetAttribute("href")!)), api, all: true);
        Views.SameRows(Html.Table(await Views.Fragment(site, more.GetAttribute("hx-get")!)), api, all: true);
    }

    [Fact]
    public async Task Show_all_keeps_the_order_and_sorting_all_rows_keeps_them_all()
    {
        var (site, api) = await HotSpots(HotSpotHour);
        var url = $"/2025/2/{HotSpotHour}/hot-spots";
        var ascending = api.Numbers("hourly_count").Order().ToList();

        var sorted = await Views.FullPage(site, url + "?sort=hourly_count&dir=asc");
        var more = sorted.QuerySelector("#view .more-rows a")?.GetAttribute("href");
        var all = await Views.FullPage(site, more!);

        Assert.Equal(url + "?rows=all&sort=hourly_count&dir=asc", more);
        var counts = Html.Table(all).Column("hourly_count").Select(Views.Count).ToList();
        Assert.Equal(1000, counts.Count);
        Assert.Equal(ascending.Select(c => (long)c), counts);
        Assert.Null(all.QuerySelector("#view .more-rows"));
        // Sorting the whole table keeps it whole.
        var header = all.QuerySelectorAll("#view table.data-table thead th a").Select(a => a.GetAttribute("href")!)
            .First(href => href.Contains("sort=hourly_count", StringComparison.Ordinal));
        Assert.Contains("rows=all", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?rows=5")]
    [InlineData("?rows=")]
    [InlineData("?rows=ALL")]
    public async Task Rows_other_than_all_is_a_400_that_says_what_it_takes(string query)
    {
        var (site, _) = await HotSpots();

        using var response = await site.Get(Url + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rows=all", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hour_without_hot_spots_says_no_stretches_and_offers_no_empty_csv()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/2/0/hot-spots");

        Assert.StartsWith("No stretches", Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
        Assert.DoesNotContain("The 0", Html.Text(page.QuerySelector("#view")!), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#view p.downloads"));
    }
}
