using AngleSharp.Html.Dom;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Stops;

/// <summary>
/// A stop place's page on the hand-built stats.db: Trondheim's Torget has AtB stretches into and out
/// of it in January and February, at 15:00 (the default hour) and, in February, at 09:00.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StopPageTests(SiteData data)
{
    private static readonly string TorgetUrl = $"/stops/{Torget.Id}";
    private static readonly string February15 = $"{TorgetUrl}?month=2025-02&hour={PageHour}";

    [Theory]
    [InlineData("NSR:StopPlace:23", "Torget")]
    [InlineData("NSR:StopPlace:4", "Storgata, \"nord\" <b>")]
    public async Task The_page_names_the_stop_in_its_heading_and_title(string stopId, string name)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"/stops/{stopId}");

        Assert.Equal(name, Html.Text(page.QuerySelector("#view h1")!));
        Assert.Equal($"{name} · Kollektivkart", page.Title);
        Assert.Null(page.QuerySelector("#view h1 b"));
        Assert.Contains(stopId, Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, PageHour)]
    [InlineData(1, PageHour)]
    [InlineData(2, OtherPageHour)]
    public async Task The_tables_hold_the_stretches_into_and_out_of_the_stop_that_month_and_hour(int month, int hour)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{TorgetUrl}?month=2025-{month:00}&hour={hour}");

        var first = new DateOnly(2025, month, 1);
        foreach (var arriving in new[] { true, false })
        {
            var expected = Through(Torget, first, hour, arriving).OrderByDescending(l => l.RushIntensity).ToList();
            var caption = arriving ? "Arriving at Torget" : "Leaving Torget";
            var table = PageParts.TableCaptioned(page.QuerySelector("#view")!, caption);
            if (expected.Count == 0)
            {
                Assert.Null(table);
                Assert.Contains(page.QuerySelectorAll("#view p.muted"),
                    p => Html.Text(p) == $"{caption}: no stretch with enough trips this month and hour.");
                continue;
            }
            Assert.NotNull(table);
            var shown = PageParts.SortableTable(table);
            Assert.Equal(expected.Select(l => Html.Stretch(l.From.Name, l.To.Name)), shown.Rows.Select(r => r[0]));
            Assert.Equal(expected.Select(l => l.DataSource), shown.Rows.Select(r => r[1]));
            Assert.Equal(expected.Select(l => l.HourlyCount), shown.Column("hourly_count").Select(Views.Count));
            Assert.Equal(expected.Select(l => l.RushIntensity), shown.Column("rush_intensity").Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(expected.Select(l => l.HourlyDelay), shown.Column("hourly_delay").Select(PageParts.Seconds));
            Assert.Equal(
                expected.Select(l => new[] { $"/stops/{l.From.Id}", $"/stretches/{l.From.Id}/{l.To.Id}?month=2025-{month:00}&hour={hour}", $"/stops/{l.To.Id}" }),
                table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("th a").Select(a => a.GetAttribute("href")!).ToArray()));
        }
    }

    [Fact]
    public async Task Every_stretch_links_to_the_pages_of_both_its_stops()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var links = new[] { "Arriving at Torget", "Leaving Torget" }
            .SelectMany(c => PageParts.TableCaptioned(page, c)!.QuerySelectorAll("tbody th a:not(.stretch-link)"))
            .Select(a => a.GetAttribute("href")!)
            .ToList();
        Assert.Equal(8, links.Count);
        Assert.Equal(new[] { PrinsensGate, Torget, Solsiden }.Select(s => $"/stops/{s.Id}"), links.Distinct().Order());
        await PageParts.AllAnswer(site, links);
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var site = await data.Hand();
        var url = February15 + "&lat=63.43&lon=10.39&zoom=14";

        var fragment = await Views.Fragment(site, url);

        Assert.Equal("Torget · Kollektivkart", fragment.QuerySelector("title")?.TextContent);
        Assert.Equal("Torget", Html.Text(fragment.QuerySelector("h1")!));
        var full = await Views.FullPage(site, url);
        foreach (var caption in new[] { "Arriving at Torget", "Leaving Torget" })
        {
            Assert.Equal(
                PageParts.SortableTable(PageParts.TableCaptioned(full, caption)!).Rows,
                PageParts.SortableTable(PageParts.TableCaptioned(fragment, caption)!).Rows);
        }
        var history = await Views.HistoryRestore(site, url);
        Assert.Equal("Torget", Html.Text(history.QuerySelector("#view h1")!));
    }

    [Fact]
    public async Task The_map_centres_on_the_stop_with_a_marker_per_stretch()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        using var map = await Views.MapData(site, page);
        var centre = map.RootElement.GetProperty("centre");
        Assert.Equal(Torget.Lat, centre.GetProperty("lat").GetDouble());
        Assert.Equal(Torget.Lon, centre.GetProperty("lon").GetDouble());
        var stretches = new[] { true, false }
            .SelectMany(arriving => Through(Torget, February, PageHour, arriving).OrderByDescending(l => l.RushIntensity))
            .ToList();
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        var texts = Views.MarkerTexts(map);
        Assert.Equal(4, stretches.Count);
        Assert.Equal(stretches.Count, markers.Count);
        for (var i = 0; i < markers.Count; i++)
        {
            Assert.Equal(stretches[i].Lat, markers[i].GetProperty("lat").GetDouble(), 5);
            Assert.Equal(stretches[i].Lon, markers[i].GetProperty("lon").GetDouble(), 5);
            Assert.Equal($"{stretches[i].From.Name} to {stretches[i].To.Name}", texts[i].Title);
            Assert.Equal(
                [$"/stretches/{stretches[i].From.Id}/{stretches[i].To.Id}?month=2025-02&hour={PageHour}", $"/stops/{stretches[i].From.Id}", $"/stops/{stretches[i].To.Id}"],
                texts[i].Links.Select(l => l.Href));
        }
    }

    [Fact]
    public async Task The_delay_by_hour_chart_has_the_weighted_means_of_the_stretches_arriving_and_its_table_the_same()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        // Weighted by vehicles: (35 s x 50 + 22 s x 55) / 105 = 28 s at the stop, (-5 x 50 - 3 x 55) / 105 = -4 s added.
        var hours = new[] { OtherPageHour, PageHour };
        var arrivals = hours.ToDictionary(h => h, h => Through(Torget, February, h, arriving: true).ToList());
        var delay = hours.Select(h => PageParts.WeightedMean(arrivals[h].Select(l => ((double)l.HourlyDelay, l.HourlyCount)))).ToList();
        var added = hours.Select(h => PageParts.WeightedMean(arrivals[h].Select(l => ((double)l.HourlyDeviation, l.HourlyCount)))).ToList();
        Assert.Equal([20.0, 28.0], delay);
        Assert.Equal([2.0, -4.0], added);

        // The three day types side by side (the hand-built data has weekday figures only), then the delay added on weekdays.
        using var chart = PageParts.Chart(page, "chart-hours");
        Assert.Equal(["09", "15"], PageParts.Labels(chart));
        Assert.Equal(delay.Select(d => (double?)d), PageParts.Series(chart, 0));
        Assert.Equal([null, null], PageParts.Series(chart, 1));
        Assert.Equal([null, null], PageParts.Series(chart, 2));
        Assert.Equal(added.Select(d => (double?)d), PageParts.Series(chart, 3));
        // The legend names the day types as the day selector does, capitals and all ("Saturdays").
        var dayOptions = page.QuerySelectorAll("select[name=day] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(3, dayOptions.Count);
        var legend = chart.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("label").GetString()!).ToList();
        Assert.Equal([.. dayOptions.Select(o => $"{o}: delay at the stop"), $"{dayOptions[0]}: delay added on the way in"], legend);

        var rows = PageParts.Rows(PageParts.TableCaptioned(page, "Delay of vehicles arriving at Torget")!);
        Assert.Equal(["09:00\u201309:59", "15:00\u201315:59"], rows.Select(r => r[0]));
        Assert.Equal(PageParts.Series(chart, 0), rows.Select(r => (double?)PageParts.Seconds(r[1])));
        Assert.Equal(PageParts.Series(chart, 3), rows.Select(r => (double?)PageParts.Seconds(r[2])));
        Assert.Equal(hours.Select(h => arrivals[h].Sum(l => l.HourlyCount)), rows.Select(r => Views.Count(r[3])));
    }

    [Fact]
    public async Task The_month_by_month_chart_has_the_numbers_of_its_table()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var months = new[] { January, February };
        var atHour = months.Select(m => PageParts.WeightedMean(
            Through(Torget, m, PageHour, arriving: true).Select(l => ((double)l.HourlyDelay, l.HourlyCount)))).ToList();
        // Each stretch's monthly figures count once, however many hours it has rows for.
        var dayArrivals = months.Select(m => HandBuiltStatsDb.Legs.Where(l => l.Month == m && l.To == Torget)
            .DistinctBy(l => (l.DataSource, l.From)).Sum(l => l.MonthlyCount)).ToList();
        Assert.Equal([22.0, 28.0], atHour);
        Assert.Equal([930L, 960], dayArrivals);

        using var chart = PageParts.Chart(page, "chart-trend");
        Assert.Equal(["2025-01", "2025-02"], PageParts.Labels(chart));
        Assert.Equal(atHour.Select(d => (double?)d), PageParts.Series(chart, 0));
        Assert.Equal([MonthlyDelay, MonthlyDelay], PageParts.Series(chart, 1));

        var rows = PageParts.Rows(PageParts.TableCaptioned(page, "Delay at Torget per month")!);
        Assert.Equal(["January 2025", "February 2025"], rows.Select(r => r[0]));
        Assert.Equal(PageParts.Series(chart, 0), rows.Select(r => (double?)PageParts.Seconds(r[1])));
        Assert.Equal(months.Select(m => Through(Torget, m, PageHour, arriving: true).Sum(l => l.HourlyCount)), rows.Select(r => Views.Count(r[2])));
        Assert.Equal(PageParts.Series(chart, 1), rows.Select(r => (double?)PageParts.Seconds(r[3])));
        Assert.Equal(dayArrivals, rows.Select(r => Views.Count(r[4])));
    }

    [Fact]
    public async Task The_lines_serving_the_stop_link_to_their_pages()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var links = page.QuerySelectorAll("#view ul.line-list a").ToList();
        Assert.Equal(["ATB 3", "ATB 11"], links.Select(Html.Text));
        var hrefs = links.Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            [$"/lines/ATB/ATB:Line:3?month=2025-02&hour={PageHour}", $"/lines/ATB/ATB:Line:11?month=2025-02&hour={PageHour}"],
            hrefs);
        foreach (var (href, label) in hrefs.Zip(["3", "11"]))
        {
            var line = Html.Parse(await site.GetOk(href));
            Assert.Equal($"AtB line {label}", Html.Text(line.QuerySelector("#view h1")!));
        }
    }

    [Fact]
    public async Task The_csv_has_the_api_columns_and_the_rows_of_both_tables()
    {
        var site = await data.Hand();
        var api = ApiFrame.Parse(await site.GetOk($"/api/leg-stats/2025/2/{PageHour}/ATB"), ApiFrame.LegStatFields);
        var page = await Views.FullPage(site, February15);
        var link = page.QuerySelector("#view a[download]")?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.Equal(February15 + "&handler=csv", link);
        var csv = await Views.Csv(site, link);

        Assert.Equal(api.Names, csv[0]);
        var shown = new[] { "Arriving at Torget", "Leaving Torget" }
            .SelectMany(c => PageParts.SortableTable(PageParts.TableCaptioned(page, c)!).Rows.Select(r => r[0]))
            .ToList();
        Assert.Equal(4, shown.Count);
        Assert.Equal(shown, await PageParts.CsvHasApiRows(site, csv, ds => $"/api/leg-stats/2025/2/{PageHour}/{ds}"));
    }

    [Fact]
    public async Task Sorting_by_vehicles_ascending_orders_both_tables_and_the_csv()
    {
        var site = await data.Hand();
        var url = February15 + "&sort=hourly_count&dir=asc";

        var sorted = await Views.FullPage(site, url);
        var unsorted = await Views.FullPage(site, February15);

        foreach (var (caption, arriving) in new[] { ("Arriving at Torget", true), ("Leaving Torget", false) })
        {
            var counts = Through(Torget, February, PageHour, arriving).Select(l => l.HourlyCount).ToList();
            var shown = PageParts.SortableTable(PageParts.TableCaptioned(sorted, caption)!).Column("hourly_count").Select(Views.Count).ToList();
            Assert.Equal(counts.Order(), shown);
            // By rush intensity, the default, the order is another one: the sort did something.
            Assert.NotEqual(shown, PageParts.SortableTable(PageParts.TableCaptioned(unsorted, caption)!).Column("hourly_count").Select(Views.Count));
        }
        var link = sorted.QuerySelector("#view a[download]")?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.Equal(February15 + "&handler=csv&sort=hourly_count&dir=asc", link);
        var csv = await Views.Csv(site, link);
        var column = Array.IndexOf(csv[0], "hourly_count");
        Assert.Equal(["50", "55", "31", "36"], csv.Skip(1).Select(r => r[column]));
    }

    [Fact]
    public async Task Without_month_and_hour_the_page_shows_the_newest_month_at_15()
    {
        var site = await data.Hand();

        var plain = await Views.FullPage(site, TorgetUrl);
        var chosen = await Views.FullPage(site, February15);

        Assert.Equal("2025-02", plain.QuerySelector("#view select[name=month] option[selected]")?.GetAttribute("value"));
        Assert.Equal("15", plain.QuerySelector("#view select[name=hour] option[selected]")?.GetAttribute("value"));
        Assert.Contains("February 2025, 15:00\u201315:59", Html.Text(plain.QuerySelector("#view .summary")!), StringComparison.Ordinal);
        Assert.Equal(Tables(chosen), Tables(plain));
        Assert.NotEqual(Tables(chosen), Tables(await Views.FullPage(site, $"{TorgetUrl}?month=2025-01&hour={PageHour}")));
    }

    [Fact]
    public async Task A_stop_without_stretches_that_hour_says_so_and_keeps_its_charts()
    {
        var site = await data.Hand();

        // Delta has a stretch into it at 08:00 only.
        var page = await Views.FullPage(site, $"/stops/{Delta.Id}");

        Assert.Null(PageParts.TableCaptioned(page, "Arriving at"));
        Assert.Contains(page.QuerySelectorAll("#view p.muted"), p => Html.Text(p).EndsWith("no stretch with enough trips this month and hour.", StringComparison.Ordinal));
        using var chart = PageParts.Chart(page, "chart-hours");
        Assert.Equal(["08"], PageParts.Labels(chart));
        using var map = await Views.MapData(site, page);
        Assert.Empty(map.RootElement.GetProperty("markers").EnumerateArray());
    }

    [Theory]
    [InlineData("/stops/NSR:StopPlace:999", 404, "There is no stop place \u201cNSR:StopPlace:999\u201d with statistics.")]
    [InlineData("/stops/' OR 1=1 --", 404, "There is no stop place \u201c' OR 1=1 --\u201d")]
    [InlineData("/stops/NSR:StopPlace:23?month=2031-01", 404, "There are no statistics for month \u201c2031-01\u201d: use one of 2025-01, 2025-02.")]
    [InlineData("/stops/NSR:StopPlace:23?month=abc", 404, "There are no statistics for month \u201cabc\u201d")]
    [InlineData("/stops/NSR:StopPlace:23?month=2025-03", 404, "There are no statistics for month \u201c2025-03\u201d")]
    [InlineData("/stops/NSR:StopPlace:23?hour=24", 404, "\u201c24\u201d is not an hour of the day: use 0 to 23.")]
    [InlineData("/stops/NSR:StopPlace:23?hour=-1", 404, "\u201c-1\u201d is not an hour of the day")]
    [InlineData("/stops/NSR:StopPlace:23?handler=csv&hour=abc", 404, "\u201cabc\u201d is not an hour of the day")]
    // A position is not a page's address but how it is looked at: a bad one is a bad request, as on the map views.
    [InlineData("/stops/NSR:StopPlace:23?lat=63.4&lon=10.4&zoom=99", 400, "zoom \u201c99\u201d is not a map zoom level")]
    [InlineData("/stops/NSR:StopPlace:23?zoom=99", 400, "lat \u201c\u201d is not a latitude")]
    public async Task A_bad_address_gets_a_page_that_says_what_was_wrong(string url, int status, string sentence)
    {
        var site = await data.Hand();

        await PageParts.ErrorPage(site, url, status, sentence);
    }

    [Fact]
    public async Task On_the_demo_pond_a_stop_shows_the_stretches_stop_queries_give()
    {
        var site = await data.Demo();
        // A stop picked from the API: the one most of the hot spots at 15:00 in February lead to.
        var hotSpots = ApiFrame.Parse(await site.GetOk($"/api/hot-spots/2025/2/{PageHour}"), ApiFrame.LegStatFields);
        Assert.True(hotSpots.Count > 0, "the demo data has no statistics at 15:00 in February");
        var stopId = hotSpots.Strings("to_stop_id").CountBy(id => id).MaxBy(c => c.Value).Key;

        var page = await Views.FullPage(site, $"/stops/{stopId}");

        var database = StatsDatabase.Open(Path.Combine(data.DemoPond, PondLayout.StatsDb));
        var stretches = StopQueries.Stretches(database, stopId, February, PageHour);
        var stop = StopQueries.Find(database, stopId)!;
        Assert.Equal(stop.Name, Html.Text(page.QuerySelector("#view h1")!));
        foreach (var (caption, arriving) in new[] { ($"Arriving at {stop.Name}", true), ($"Leaving {stop.Name}", false) })
        {
            var expected = stretches.Where(s => s.Arriving == arriving).Select(s => s.Stats).ToList();
            Assert.All(expected, s => Assert.Equal(stopId, arriving ? s.ToStopId : s.FromStopId));
            var table = PageParts.TableCaptioned(page, caption);
            var rows = table is null ? [] : PageParts.SortableTable(table).Rows;
            Assert.Equal(expected.Select(s => new[] { Html.Stretch(s.FromStop, s.ToStop), s.DataSource }), rows.Select(r => r[..2]));
        }
        Assert.Contains(stretches, s => s.Arriving);
        using var map = await Views.MapData(site, page);
        Assert.Equal(stretches.Count, map.RootElement.GetProperty("markers").GetArrayLength());
        await PageParts.AllAnswer(site, page.QuerySelectorAll("#view ul.line-list a, #view table.data-table a").Select(a => a.GetAttribute("href")!));
        var csv = await Views.Csv(site, $"/stops/{stopId}?handler=csv");
        Assert.Equal(stretches.Select(s => Html.Stretch(s.Stats.FromStop, s.Stats.ToStop)), await PageParts.CsvHasApiRows(site, csv, ds => $"/api/leg-stats/2025/2/{PageHour}/{ds}"));
    }

    private static IReadOnlyList<IReadOnlyList<string[]>> Tables(IHtmlDocument page) =>
        page.QuerySelectorAll("#view table.data-table").Select(t => PageParts.Rows(t)).ToList();
}
