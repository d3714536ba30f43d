using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Changes;

/// <summary>
/// data-model.md section 7 on the site, over <see cref="HandBuiltStatsDb.ChangeLegs"/>: on Saturdays in February against
/// January, Sierra to Tango got faster (3200 vehicle-seconds, at 07 and more at 09) and Alfa to Bravo slower (1920, at 08).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ChangesPageTests(SiteData data)
{
    private const string Saturdays = "/2025/2/changes?day=saturday";

    private static readonly string[] SierraTango = ["Sierra \u2192 Tango", "SKY", "\u25bc Faster", "07, 09", "\u221250 s", "53 min 20 s", "70"];
    private static readonly string[] AlfaBravo = ["Alfa \u2192 Bravo", "RUT", "\u25b2 Slower", "08", "+1 min 20 s", "32 min", "24"];

    [Fact]
    public async Task The_changed_stretches_are_ranked_by_impact_with_their_hours_change_and_vehicles()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Saturdays);

        var table = Html.Table(page);
        Assert.Equal(["name", "operator", "kind", "hours", "delta", "impact", "legs"], table.SortKeys);
        Assert.Equal([SierraTango, AlfaBravo], table.Rows);
        Assert.StartsWith("1 stretch got slower, 1 faster.", Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
        Assert.Contains("against January 2025, Saturdays", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
        Assert.Equal("descending", page.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
        Assert.Empty(page.QuerySelectorAll("#view .notice"));
    }

    [Fact]
    public async Task Each_row_links_to_its_stretch_at_the_month_its_largest_impact_hour_and_the_day()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Saturdays);

        Assert.Equal(
            [$"/stretches/{Sierra.Id}/{Tango.Id}?month=2025-02&hour={ChangeHour + 2}&day=saturday", $"/stretches/{Alfa.Id}/{Bravo.Id}?month=2025-02&hour={Hour}&day=saturday"],
            page.QuerySelectorAll("#view tbody th a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Markers_are_red_for_slower_and_blue_for_faster_and_grow_with_the_impact()
    {
        var site = await data.Hand();

        using var map = await Views.MapData(site, await Views.FullPage(site, Saturdays));

        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(["#2166ac", "#b2182b"], markers.Select(m => m.GetProperty("colour").GetString()));
        // 4 + 8 x sqrt(impact / largest impact): 12 for the largest, 4 + 8 x sqrt(1920 / 3200) = 10.2 for the other.
        Assert.Equal([12, 10], markers.Select(m => m.GetProperty("radius").GetInt32()));
        Assert.Equal(Leg(February, "RUT", Alfa, Bravo).Lat, markers[1].GetProperty("lat").GetDouble(), 5);
        Assert.False(map.RootElement.GetProperty("fit").GetBoolean());
    }

    [Fact]
    public async Task Sorting_by_impact_ascending_orders_the_table_and_its_csv()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Saturdays + "&sort=impact&dir=asc");

        Assert.Equal([AlfaBravo, SierraTango], Html.Table(page).Rows);
        Assert.Equal("ascending", page.QuerySelector("th[aria-sort]")?.GetAttribute("aria-sort"));
        var csvUrl = page.QuerySelectorAll("#view a[download]").Single().GetAttribute("href")!;
        Assert.Equal("/2025/2/changes?handler=csv&day=saturday&sort=impact&dir=asc", csvUrl);
        var csv = await Views.Csv(site, csvUrl);
        var name = Array.IndexOf(csv[0], "name");
        Assert.Equal(["Alfa to Bravo", "Sierra to Tango", "Sierra to Tango"], csv.Skip(1).Select(r => r[name]));
    }

    [Fact]
    public async Task The_csv_is_the_api_frame_a_row_per_changed_hour()
    {
        var site = await data.Hand();
        var api = ApiFrame.Parse(await site.GetOk("/api/changes/2025/2?day_type=saturday"), ApiFrame.ChangeFields);

        Views.SameCsv(await Views.Csv(site, "/2025/2/changes?handler=csv&day=saturday"), api);
    }

    [Theory]
    [InlineData("/2025/2/changes/RUT?day=saturday", "/api/changes/2025/2?day_type=saturday&data_source=RUT", 1)]
    [InlineData("/2025/2/changes/SKY?day=saturday", "/api/changes/2025/2?day_type=saturday&data_source=SKY", 1)]
    [InlineData("/2025/2/changes/RUT/RUT:Line:31?day=saturday", "/api/changes/2025/2?day_type=saturday&data_source=RUT&line_ref=RUT:Line:31", 1)]
    [InlineData("/2025/2/changes?day=sunday", "/api/changes/2025/2?day_type=sunday", 1)]
    [InlineData("/2025/2/changes/SKY", "/api/changes/2025/2?data_source=SKY", 1)]
    public async Task An_operator_line_or_day_shows_its_own_changes_as_the_api_does(string url, string apiUrl, int stretches)
    {
        var site = await data.Hand();
        var api = ApiFrame.Parse(await site.GetOk(apiUrl), ApiFrame.ChangeFields);

        var table = Html.Table(await Views.Fragment(site, url));

        Assert.Equal(stretches, table.Rows.Count);
        Assert.Equal(api.Stretches().Distinct().Select(s => new[] { Html.Stretch(s.From, s.To), s.DataSource }), table.Rows.Select(r => r[..2]));
    }

    [Fact]
    public async Task Sundays_and_weekdays_count_their_own_stretches()
    {
        var site = await data.Hand();

        var sunday = await Views.FullPage(site, "/2025/2/changes?day=sunday");
        var weekday = await Views.FullPage(site, "/2025/2/changes");

        Assert.Equal([["Alfa \u2192 Bravo", "RUT", "\u25bc Faster", "08", "\u22121 min", "22 min", "22"]], Html.Table(sunday).Rows);
        // Weekdays: Sierra to Tango at 08 (115 s x 22) and the 1,770 comparison stretches at 04 that slowed by 30 s or more.
        Assert.StartsWith("1,771 stretches got slower, none faster.", Html.Text(weekday.QuerySelector("#view .summary")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_without_changes_says_so_instead_of_an_empty_table()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/2/changes/RUT/RUT:Line:5?day=saturday");

        Assert.Null(page.QuerySelector("table.data-table"));
        Assert.Contains("No stretch got slower or faster", Html.Text(page.QuerySelector("#view .notice")!), StringComparison.Ordinal);
        Assert.StartsWith("No stretch got slower, none faster.", Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_month_says_there_is_no_earlier_month_instead_of_no_changes()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/1/changes");

        Assert.Null(page.QuerySelector("table.data-table"));
        Assert.Equal("There is no earlier month to compare with: the data starts in January 2025.", Html.Text(page.QuerySelector("#view .summary")!));
        Assert.Empty(page.QuerySelectorAll("#view .notice"));
        Assert.DoesNotContain("No stretch got slower", Html.Text(page.QuerySelector("#view")!), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#view p.downloads"));
        Assert.Null(page.QuerySelector("select[name=prev]"));
    }

    [Fact]
    public async Task A_month_still_running_is_provisional_and_says_so_at_the_top()
    {
        var site = await data.Hand(March.AddDays(7));

        var march = await Views.FullPage(site, "/2025/3/changes");
        var february = await Views.FullPage(site, "/2025/2/changes");

        var first = march.QuerySelector("#view h1")!.NextElementSibling!;
        Assert.Equal("notice", first.ClassName);
        Assert.StartsWith("March 2025 is still running: these changes are provisional", Html.Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain(february.QuerySelectorAll("#view .notice"), n => Html.Text(n).Contains("provisional", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_baseline_is_chosen_among_earlier_months_and_kept_in_the_address()
    {
        var site = await data.Hand(March.AddDays(7));

        var page = await Views.FullPage(site, "/2025/3/changes?baseline=2025-01&day=saturday");

        Assert.Contains("changes in March 2025 against January 2025", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
        Assert.Equal(["2025-02", "2025-01"], page.QuerySelectorAll("select[name=prev] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("2025-01", page.QuerySelector("select[name=prev] option[selected]")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("select[name=hour]"));
        var sort = page.QuerySelectorAll("#view thead a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(sort, h => Assert.StartsWith("/2025/3/changes?baseline=2025-01&day=saturday&sort=", h, StringComparison.Ordinal));
        // The default baseline stays out of the address.
        var february = await Views.FullPage(site, "/2025/3/changes?baseline=2025-02");
        Assert.All(february.QuerySelectorAll("#view thead a"), a => Assert.DoesNotContain("baseline", a.GetAttribute("href")!, StringComparison.Ordinal));
    }
}
