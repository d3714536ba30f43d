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

    [Fact]
    public async Task One_change_column_reads_seconds_and_percent_of_the_earlier_month()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url + "/RUT");
        var table = Html.Table(page);

        Assert.Equal(["name", "operator", "change", "cur_mean", "prev_mean", "cur_delay", "prev_delay", "cur_count", "prev_count"], table.SortKeys);
        var changes = table.Rows.ToDictionary(r => r[0], r => r[2]);
        foreach (var (from, to) in new[] { (Alfa, Bravo), (Bravo, Charlie) })
        {
            var now = Leg(February, "RUT", from, to).MeanHourlyDuration;
            var before = Leg(January, "RUT", from, to).MeanHourlyDuration;
            var percent = 100.0 * (now - before) / before;
            var expected = $"{Kollektivkart.Web.Display.Durations.Signed(now - before)} ({(percent > 0 ? "+" : "\u2212")}{Math.Abs(percent).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} %)";
            Assert.Equal(expected, changes[Html.Stretch(from.Name, to.Name)]);
        }
        // 200 -> 250 s and 240 -> 180 s.
        Assert.Equal("+50 s (+25.0 %)", changes[Html.Stretch(Alfa.Name, Bravo.Name)]);
        Assert.Equal("\u22121 min (\u221225.0 %)", changes[Html.Stretch(Bravo.Name, Charlie.Name)]);

        // A marker's popup says the same.
        using var map = await Views.MapData(site, page);
        var index = map.RootElement.GetProperty("factNames").EnumerateArray().Select(n => n.GetString()).ToList().IndexOf("Change in mean time");
        var facts = map.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("facts")[index].GetString()!).ToList();
        Assert.Equal(table.Column("change").Order(StringComparer.Ordinal), facts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Compared_with_offers_only_months_before_the_chosen_one()
    {
        var site = await data.Hand(March.AddDays(7));

        var february = await Views.FullPage(site, "/2025/2/8/comparison/2025/1");
        var march = await Views.FullPage(site, "/2025/3/8/comparison/2025/1");

        Assert.Equal(["2025-01"], february.QuerySelectorAll("select[name=prev] option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["2025-02", "2025-01"], march.QuerySelectorAll("select[name=prev] option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task The_first_month_says_there_is_no_earlier_month_to_compare_with()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/1/8/comparison/2024/12");

        Assert.Equal("There is no earlier month to compare with: the data starts in January 2025.", Html.Text(page.QuerySelector("#view .summary")!));
        Assert.Null(page.QuerySelector("table.data-table"));
        Assert.Null(page.QuerySelector("#view .notice"));
        Assert.Null(page.QuerySelector("#view p.downloads"));
        Assert.Null(page.QuerySelector("select[name=prev]"));
    }
}
