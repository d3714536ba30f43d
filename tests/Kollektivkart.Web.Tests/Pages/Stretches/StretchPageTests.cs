using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using AngleSharp.Html.Dom;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Stretches;

/// <summary>
/// A stretch's page on the hand-built stats.db (data-model.md section 8). AtB's Prinsens gate to Torget has weekday
/// rows at 15:00 in January and February and at 09:00 in February only; Ruter's Alfa to Bravo has weekday rows at
/// 08:00 in January, February and March (not offered yet) and Saturday and Sunday rows in February.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StretchPageTests(SiteData data)
{
    private static readonly string PrinsensGateTorget = $"/stretches/{PrinsensGate.Id}/{Torget.Id}";
    private static readonly string AlfaBravo = $"/stretches/{Alfa.Id}/{Bravo.Id}";

    /// <summary>Seconds as the page shows them.</summary>
    private static string S(int seconds) => Durations.Format(seconds);

    /// <summary>A cell as the CSV has it: seconds and counts as plain numbers, a dash as nothing.</summary>
    private static string Plain(string cell) =>
        cell == "\u2013" ? "" : cell.EndsWith(" s", StringComparison.Ordinal) || cell.EndsWith(" min", StringComparison.Ordinal) ? $"{PageParts.Seconds(cell)}" : cell;

    /// <summary>A whole-day 75th percentile as HandBuiltStatsDb writes it.</summary>
    private static int DayQuartile(LegStat l) => l.MonthlyDuration + 15;

    [Fact]
    public async Task The_page_links_both_stops_as_the_page_is_looked_at_and_names_operator_distance_and_lines()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{PrinsensGateTorget}?month=2025-01&hour=9&day=saturday");

        // The heading has no links: the keyboard reaches the selectors first, then the stops.
        var heading = page.QuerySelector("#view h1")!;
        Assert.Equal("From Prinsens gate to Torget", Html.Text(heading));
        Assert.Empty(heading.QuerySelectorAll("a"));
        Assert.Equal(
            [$"/stops/{PrinsensGate.Id}?month=2025-01&hour=9&day=saturday", $"/stops/{Torget.Id}?month=2025-01&hour=9&day=saturday"],
            page.QuerySelectorAll("#view .stretch-stops a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Prinsens gate to Torget · Kollektivkart", page.Title);
        var summary = Html.Text(page.QuerySelector("#view .summary")!);
        Assert.Contains("900 m apart", summary, StringComparison.Ordinal);
        Assert.Contains("run by AtB.", summary, StringComparison.Ordinal);
        Assert.Equal(
            HandBuiltStatsDb.Lines.Where(l => l.From == PrinsensGate && l.To == Torget).Select(l => $"/lines/ATB/{l.LineRef}?month=2025-01&hour=9&day=saturday").Order(),
            page.QuerySelectorAll("#view .stretch-lines a").Select(a => a.GetAttribute("href")!).Order());
        Assert.Equal($"/stretches/{Torget.Id}/{PrinsensGate.Id}?month=2025-01&hour=9&day=saturday",
            page.QuerySelector("#view .summary a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Without_a_stretch_the_other_way_there_is_no_link_to_it()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, AlfaBravo);

        Assert.Empty(page.QuerySelectorAll("#view .summary a"));
        Assert.Equal(["/lines/RUT/RUT:Line:100?month=2025-02&hour=15", "/lines/RUT/RUT:Line:31?month=2025-02&hour=15"],
            page.QuerySelectorAll("#view .stretch-lines a").Select(a => a.GetAttribute("href")).Order());
    }

    [Fact]
    public async Task History_has_the_hours_median_and_75th_percentile_month_by_month_beside_the_whole_day_and_a_dash_where_the_hour_has_none()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{PrinsensGateTorget}?month=2025-02&hour={OtherPageHour}");

        var january = HandBuiltStatsDb.Legs.Single(l => l.Month == January && l.From == PrinsensGate && l.To == Torget);
        var february = HandBuiltStatsDb.Legs.Single(l => l.Month == February && l.Hour == OtherPageHour && l.From == PrinsensGate && l.To == Torget);
        var table = PageParts.TableCaptioned(page, "AtB, Prinsens gate to Torget per month")!;
        Assert.Equal(
            [
                ["January 2025", "–", "–", "–", S(january.MonthlyDuration), S(DayQuartile(january)), $"{january.MonthlyCount}"],
                ["February 2025", S(february.HourlyDuration), S(february.HourlyQuartile), $"{february.HourlyCount}",
                    S(february.MonthlyDuration), S(DayQuartile(february)), $"{february.MonthlyCount}"],
            ],
            PageParts.Rows(table));
        Assert.Equal(
            [$"{PrinsensGateTorget}?month=2025-01&hour={OtherPageHour}", $"{PrinsensGateTorget}?month=2025-02&hour={OtherPageHour}"],
            table.QuerySelectorAll("tbody th a").Select(a => a.GetAttribute("href")));
        // The chart has a gap where the table has a dash, and says why there is no line.
        using var chart = PageParts.Chart(page, "chart-history-0");
        Assert.Equal([null, february.HourlyDuration], PageParts.Series(chart, 0));
        Assert.Equal([null, february.HourlyQuartile], PageParts.Series(chart, 1));
        Assert.Equal([january.MonthlyDuration, february.MonthlyDuration], PageParts.Series(chart, 2));
        Assert.StartsWith("Fewer than two months have statistics at this hour so far",
            Html.Text(page.QuerySelector("section.operator p.muted")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_chart_has_the_same_numbers_as_its_table()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, PrinsensGateTorget);

        var months = new[] { January, February }
            .Select(m => HandBuiltStatsDb.Legs.Single(l => l.Month == m && l.Hour == PageHour && l.From == PrinsensGate && l.To == Torget))
            .ToList();
        using var chart = PageParts.Chart(page, "chart-history-0");
        Assert.Equal(["2025-01", "2025-02"], PageParts.Labels(chart));
        Assert.Equal(months.Select(l => (double?)l.HourlyDuration), PageParts.Series(chart, 0));
        Assert.Equal(months.Select(l => (double?)l.HourlyQuartile), PageParts.Series(chart, 1));
        Assert.Equal(months.Select(l => (double?)l.MonthlyDuration), PageParts.Series(chart, 2));
        Assert.Equal(
            months.Select(l => new[] { S(l.HourlyDuration), S(l.HourlyQuartile) }),
            PageParts.Rows(PageParts.TableCaptioned(page, "AtB, Prinsens gate to Torget per month")!).Select(r => r[1..3]));
    }

    [Fact]
    public async Task History_leaves_out_a_month_not_offered_yet()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{AlfaBravo}?hour={Hour}");

        var table = PageParts.TableCaptioned(page, "Ruter, Alfa to Bravo per month")!;
        Assert.Equal(["January 2025", "February 2025"], PageParts.Rows(table).Select(r => r[0]));
    }

    [Fact]
    public async Task The_profile_has_the_chosen_months_hours_with_links_to_each_hour()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{PrinsensGateTorget}?month=2025-02");

        var hours = HandBuiltStatsDb.Legs.Where(l => l.Month == February && l.From == PrinsensGate && l.To == Torget).OrderBy(l => l.Hour).ToList();
        Assert.Equal([OtherPageHour, PageHour], hours.Select(l => l.Hour));
        var table = PageParts.TableCaptioned(page, "AtB, Prinsens gate to Torget by hour of day")!;
        Assert.Equal(
            hours.Select(l => new[] { $"{l.Hour:00}:00–{l.Hour:00}:59", S(l.HourlyDuration), S(l.HourlyQuartile), $"{l.HourlyCount}" }),
            PageParts.Rows(table));
        Assert.Equal(hours.Select(l => $"{PrinsensGateTorget}?month=2025-02&hour={l.Hour}"),
            table.QuerySelectorAll("tbody th a").Select(a => a.GetAttribute("href")));
        using var chart = PageParts.Chart(page, "chart-profile-0");
        Assert.Equal(hours.Select(l => $"{l.Hour:00}"), PageParts.Labels(chart));
        Assert.Equal(hours.Select(l => (double?)l.HourlyDuration), PageParts.Series(chart, 0));
        Assert.Equal(hours.Select(l => (double?)l.HourlyQuartile), PageParts.Series(chart, 1));
    }

    [Theory]
    [InlineData(DayType.Saturday)]
    [InlineData(DayType.Sunday)]
    public async Task A_day_type_shows_that_day_types_figures_only(DayType dayType)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{AlfaBravo}?month=2025-02&hour={Hour}&day={dayType.Name()}");

        // The day type's own months (January from the changes rows, February from the weekend rows), none of the weekdays'.
        var months = WeekendLegs.Concat(ChangeLegs)
            .Where(l => l.DayType == dayType && l.From == Alfa && l.To == Bravo && l.Hour == Hour)
            .OrderBy(l => l.Month)
            .ToList();
        Assert.Equal(2, months.Count);
        Assert.Equal(
            months.Select(l => new[]
            {
                Choices.Format(l.Month), S(l.HourlyDuration), S(l.HourlyQuartile), $"{l.HourlyCount}",
                S(l.MonthlyDuration), S(DayQuartile(l)), $"{l.MonthlyCount}",
            }),
            PageParts.Rows(PageParts.TableCaptioned(page, "Ruter, Alfa to Bravo per month")!));
        var weekend = months[^1];
        Assert.Equal(
            [[$"{Hour:00}:00–{Hour:00}:59", S(weekend.HourlyDuration), S(weekend.HourlyQuartile), $"{weekend.HourlyCount}"]],
            PageParts.Rows(PageParts.TableCaptioned(page, "Ruter, Alfa to Bravo by hour of day")!));
        Assert.Equal(dayType.Name(), page.QuerySelector("#view select[name=day] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_day_type_without_statistics_says_so_for_the_operator()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{PrinsensGateTorget}?day=sunday");

        Assert.Equal("AtB has no statistics for this stretch on sundays and holidays. Try another day type.",
            Html.Text(page.QuerySelector("section.operator p.notice")!));
        Assert.Null(page.QuerySelector("table.data-table"));
    }

    [Fact]
    public async Task The_csv_has_the_rows_of_both_tables_as_the_page_shows_them()
    {
        var site = await data.Hand();
        var url = $"{PrinsensGateTorget}?month=2025-02&hour={OtherPageHour}";

        var page = await Views.FullPage(site, url);
        var csv = await Views.Csv(site, url + "&handler=csv");

        Assert.Equal(url + "&handler=csv", page.QuerySelector("#view .downloads a")!.GetAttribute("href"));
        Assert.Equal(["table", "data_source", "month", "hour", "hourly_duration", "hourly_quartile", "hourly_count",
            "monthly_duration", "monthly_quartile", "monthly_count"], csv[0]);
        var history = PageParts.Rows(PageParts.TableCaptioned(page, "AtB, Prinsens gate to Torget per month")!);
        Assert.Equal(
            history.Select(r => r[1..].Select(Plain).ToArray()),
            csv.Skip(1).Where(r => r[0] == "history").Select(r => r[4..]));
        Assert.Equal(["2025-01", "2025-02"], csv.Skip(1).Where(r => r[0] == "history").Select(r => r[2]));
        var profile = PageParts.Rows(PageParts.TableCaptioned(page, "AtB, Prinsens gate to Torget by hour of day")!);
        Assert.Equal(
            profile.Select(r => r[1..].Select(Plain).Concat(["", "", ""]).ToArray()),
            csv.Skip(1).Where(r => r[0] == "profile").Select(r => r[4..]));
        Assert.Equal([$"{OtherPageHour}", $"{PageHour}"], csv.Skip(1).Where(r => r[0] == "profile").Select(r => r[3]));
        Assert.All(csv.Skip(1), r => Assert.Equal("ATB", r[1]));
        using var response = await site.Get(url + "&handler=csv");
        Assert.Equal($"stretch-NSR_StopPlace_22-NSR_StopPlace_23-2025-02-{OtherPageHour:00}.csv",
            response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var site = await data.Hand();
        var url = $"{AlfaBravo}?month=2025-02&hour={Hour}&day=saturday";

        var fragment = await Views.Fragment(site, url);

        Assert.Equal("Alfa to Bravo · Kollektivkart", fragment.QuerySelector("title")?.TextContent);
        var full = await Views.FullPage(site, url);
        Assert.Equal(Tables(full), Tables(fragment));
    }

    [Fact]
    public async Task The_map_shows_both_stops_and_the_stretch_between_them()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, PrinsensGateTorget);

        using var map = await Views.MapData(site, page);
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal([PrinsensGate.Lat, Torget.Lat], markers.Select(m => m.GetProperty("lat").GetDouble()));
        Assert.Equal(["Prinsens gate", "Torget"], markers.Select(m => m.GetProperty("title").GetString()));
        Assert.True(map.RootElement.GetProperty("fit").GetBoolean());
        Assert.Single(map.RootElement.GetProperty("lines").EnumerateArray());
    }

    [Theory]
    [InlineData("/stretches/NSR:StopPlace:999/NSR:StopPlace:23", "There is no stop place \u201cNSR:StopPlace:999\u201d with statistics.")]
    [InlineData("/stretches/NSR:StopPlace:22/NSR:StopPlace:999", "There is no stop place \u201cNSR:StopPlace:999\u201d with statistics.")]
    [InlineData("/stretches/NSR:StopPlace:1/NSR:StopPlace:3?handler=csv", "No vehicle ran from Alfa (NSR:StopPlace:1) to Charlie (NSR:StopPlace:3) without stopping in between")]
    [InlineData("/stretches/NSR:StopPlace:23/NSR:StopPlace:23", "No vehicle ran from Torget (NSR:StopPlace:23) to Torget (NSR:StopPlace:23)")]
    [InlineData("/stretches/NSR:StopPlace:22/NSR:StopPlace:23?month=2025-03", "There are no statistics for month \u201c2025-03\u201d: use one of 2025-01, 2025-02.")]
    [InlineData("/stretches/NSR:StopPlace:22/NSR:StopPlace:23?hour=24", "\u201c24\u201d is not an hour of the day: use 0 to 23.")]
    [InlineData("/stretches/NSR:StopPlace:22/NSR:StopPlace:23?day=monday", "There is no day type \u201cmonday\u201d")]
    public async Task A_missing_stop_or_stretch_or_a_bad_choice_gets_a_404_page_that_says_so(string url, string sentence)
    {
        var site = await data.Hand();

        await PageParts.ErrorPage(site, url, 404, sentence);
    }

    [Fact]
    public async Task A_stretch_page_is_answered_from_the_output_cache_the_second_time()
    {
        var site = await data.Hand();
        // An address no other test asks for, so the first answer is fresh.
        var url = $"{AlfaBravo}?month=2025-01&hour=3&day=sunday";

        await site.GetOk(url);
        using var second = await site.Get(url);

        Assert.True(second.Headers.Age.HasValue, "the second answer did not come from the cache");
    }

    private static IReadOnlyList<IReadOnlyList<string[]>> Tables(IHtmlDocument document) =>
        document.QuerySelectorAll("table.data-table").Select(PageParts.Rows).ToList();
}
