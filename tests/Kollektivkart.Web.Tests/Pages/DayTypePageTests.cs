using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages;

/// <summary>
/// data-model.md section 6 on the site: every view takes <c>?day=</c> (the API <c>day_type=</c>), weekdays when absent,
/// on <see cref="HandBuiltStatsDb.WeekendLegs"/>: Alfa to Bravo in February at 08, slower on Saturdays, faster on Sundays.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DayTypePageTests(SiteData data)
{
    private static LegStat Weekend(DayType dayType) => WeekendLegs.Single(l => l.DayType == dayType);

    [Fact]
    public async Task The_api_answers_the_day_type_asked_for_and_weekdays_without_one()
    {
        var site = await data.Hand();

        var saturday = ApiFrame.Parse(await site.GetOk("/api/hot-spots/2025/2/8?day_type=saturday"), ApiFrame.LegStatFields);
        var sunday = ApiFrame.Parse(await site.GetOk("/api/leg-stats/2025/2/8/RUT?day_type=sunday"), ApiFrame.LegStatFields);
        var weekday = await site.GetOk("/api/hot-spots/2025/2/8");

        Assert.Equal([Alfa.Name], saturday.Strings("from_stop"));
        Assert.Equal([(double)Weekend(DayType.Saturday).HourlyQuartile], saturday.Numbers("hourly_quartile"));
        Assert.Equal([(double)Weekend(DayType.Sunday).HourlyDuration], sunday.Numbers("hourly_duration"));
        Assert.Equal(weekday, await site.GetOk("/api/hot-spots/2025/2/8?day_type=weekday"));
        Assert.Equal(HandBuiltStatsDb.Legs.Count(l => l.Month == February && l.Hour == Hour), ApiFrame.Parse(weekday, ApiFrame.LegStatFields).Count);
    }

    [Fact]
    public async Task A_bad_day_type_in_the_api_is_a_404_saying_so()
    {
        var site = await data.Hand();

        using var response = await site.Get("/api/comparison/2025/2/2025/1/8?day_type=holiday");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("There is no day type \u201choliday\u201d", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_map_view_on_Saturdays_shows_their_rows_and_keeps_the_day_in_its_links()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, "/2025/2/8/hot-spots?day=saturday");

        Assert.Contains("Saturdays", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
        Views.SameRows(Html.Table(page), ApiFrame.Parse(await site.GetOk("/api/hot-spots/2025/2/8?day_type=saturday"), ApiFrame.LegStatFields));
        Assert.Equal("saturday", page.QuerySelector("select[name=day] option[selected]")?.GetAttribute("value"));
        var csv = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Single(h => h.Contains("handler=csv", StringComparison.Ordinal));
        Assert.Contains("day=saturday", csv, StringComparison.Ordinal);
        var sortLinks = page.QuerySelectorAll("th a").Select(a => a.GetAttribute("href") ?? "").Where(h => h.Contains("sort=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sortLinks);
        Assert.All(sortLinks, h => Assert.Contains("day=saturday", h, StringComparison.Ordinal));
        var rows = await Views.Csv(site, csv);
        var from = Array.IndexOf(rows[0], "from_stop");
        Assert.Equal([Alfa.Name], rows.Skip(1).Select(r => r[from]));
    }

    [Fact]
    public async Task The_selector_form_carries_the_day_to_the_view_address()
    {
        var site = await data.Hand();

        using var response = await site.Get("/select?view=hot-spots&month=2025-02&hour=8&day=sunday&lat=59.9&lon=10.7&zoom=11");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/2025/2/8/hot-spots?day=sunday&lat=59.9&lon=10.7&zoom=11", response.Headers.Location?.OriginalString);
        using var weekday = await site.Get("/select?view=legs&ds=RUT&month=2025-02&hour=8&day=weekday");
        Assert.Equal("/2025/2/8/legs/RUT", weekday.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_stop_page_shows_the_day_types_side_by_side_and_the_chosen_one_in_its_tables()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"/stops/{Bravo.Id}?month=2025-02&hour=8&day=sunday");

        using var chart = PageParts.Chart(page, "chart-hours");
        var at8 = PageParts.Labels(chart).ToList().IndexOf("08");
        var weekday = HandBuiltStatsDb.Legs.Single(l => l.Month == February && l.Hour == Hour && l.To == Bravo);
        Assert.Equal(
            [weekday.HourlyDelay, Weekend(DayType.Saturday).HourlyDelay, Weekend(DayType.Sunday).HourlyDelay],
            Enumerable.Range(0, 3).Select(s => PageParts.Series(chart, s)[at8]));
        var arriving = PageParts.Rows(PageParts.TableCaptioned(page, "Arriving at")!);
        Assert.Single(arriving);
        Assert.Contains("Sundays and holidays", Html.Text(page.QuerySelector("#view")!), StringComparison.Ordinal);
    }
}
