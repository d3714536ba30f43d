using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

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

    [Fact]
    public async Task An_hour_without_stretches_says_no_stretches_and_offers_no_empty_csv()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/2/0/legs/RUT");

        Assert.StartsWith("No stretches of Ruter with more than 20 trips", Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#view p.downloads"));
        Assert.DoesNotContain(" 0 ", Html.Text(page.QuerySelector("#view")!), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#view .notice"));
    }

    [Fact]
    public async Task Rush_intensity_has_one_decimal_in_the_table_and_the_map_even_when_it_is_whole()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/2/8/legs/RUT");
        using var map = await Views.MapData(site, page);

        var cells = Html.Table(page).Column("rush_intensity").ToList();
        // Charlie to Delta: 214 / 210 rounds to 1.0, which "0.#" wrote as "1" beside "1.5".
        Assert.Contains("1.0", cells);
        Assert.All(cells, c => Assert.Matches(@"^\d+\.\d$", c));
        var names = map.RootElement.GetProperty("factNames").EnumerateArray().Select(n => n.GetString()).ToList();
        var index = names.IndexOf("Rush intensity");
        var facts = map.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("facts")[index].GetString()!).ToList();
        Assert.Equal(cells.Order(StringComparer.Ordinal), facts.Order(StringComparer.Ordinal));
        var legend = page.QuerySelectorAll(".legend li:not(.legend-title)").Select(Html.Text).ToList();
        Assert.All(legend, l => Assert.Matches(@"^\d+\.\d( |\u2013\d+\.\d$)", l));
    }

    [Fact]
    public async Task The_month_selector_says_when_the_month_not_offered_yet_appears()
    {
        // 5 March: March has data but started 4 days ago; on 8 March it has 7 days and is offered.
        var site = await data.Hand();
        var later = await data.Hand(March.AddDays(7));

        var page = await Views.FullPage(site, "/2025/2/8/legs/RUT");
        var offered = await Views.FullPage(later, "/2025/2/8/legs/RUT");

        Assert.DoesNotContain("2025-03", page.QuerySelectorAll("select[name=month] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("March 2025 appears on 8 March, when it has 7 days of data.", Html.Text(page.QuerySelector("form.selectors .month-note")!));
        Assert.Contains("2025-03", offered.QuerySelectorAll("select[name=month] option").Select(o => o.GetAttribute("value")));
        Assert.Null(offered.QuerySelector(".month-note"));
    }
}
