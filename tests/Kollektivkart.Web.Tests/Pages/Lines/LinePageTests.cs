using System.Text.Json;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Lines;

/// <summary>
/// A line's page on the hand-built stats.db: AtB line 3 runs Ila - Ranheim and back, five stretches
/// each way, with figures at 15:00 (the default hour) except Lade - Solsiden, which runs at 09:00.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LinePageTests(SiteData data)
{
    private const string Line3 = "ATB:Line:3";
    private const string Url = "/lines/ATB/ATB:Line:3";

    /// <summary>Direction keys sort "Inbound" before "Outbound": the page lists them in that order.</summary>
    private static readonly (string Key, string Title, string From)[] Directions =
    [
        ("Inbound", "Towards Ila", "from Ranheim"),
        ("Outbound", "Towards Ranheim", "from Ila"),
    ];

    /// <summary>The stretches of a direction the page lists that month (those with figures at any hour), in route order, with the hour's figures.</summary>
    private static List<(LineStretch Stretch, LegStat? Stats)> Expected(string direction, DateOnly month, int hour) =>
        Route(Line3, direction)
            .Where(s => HandBuiltStatsDb.Legs.Any(l => l.Month == month && Same(l, s)))
            .Select(s => (s, HandBuiltStatsDb.Legs.SingleOrDefault(l => l.Month == month && l.Hour == hour && Same(l, s))))
            .ToList();

    private static bool Same(LegStat leg, LineStretch stretch) =>
        leg.DataSource == stretch.DataSource && leg.From == stretch.From && leg.To == stretch.To;

    private static string StretchOf(LineStretch s) => Html.Stretch(s.From.Name, s.To.Name);

    [Fact]
    public async Task The_heading_names_the_operator_and_the_line()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url);

        Assert.Equal("AtB line 3", Html.Text(page.QuerySelector("#view h1")!));
        Assert.Equal("AtB line 3 · Kollektivkart", page.Title);
        Assert.Contains(Line3, Html.Text(page.QuerySelector("#view .summary")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_direction_lists_its_stretches_in_route_order()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-02&hour={PageHour}");

        var sections = LinePage.Directions(page);
        Assert.Equal(Directions.Select(d => (d.Title, d.From)), sections.Select(s => (s.Title, s.From)));
        foreach (var (direction, section) in Directions.Zip(sections))
        {
            var expected = Expected(direction.Key, February, PageHour);
            Assert.Equal(expected.Select(e => StretchOf(e.Stretch)), section.Rows.Select(r => r.Stretch));
            Assert.Equal(Enumerable.Range(1, expected.Count), section.Rows.Select(r => r.Order));
        }
        // Spelled out: positions 2, 4, 6, 8, 11, written to line_stretch in another order.
        Assert.Equal(
            ["Ila \u2192 Prinsens gate", "Prinsens gate \u2192 Torget", "Torget \u2192 Solsiden", "Solsiden \u2192 Lade", "Lade \u2192 Ranheim"],
            sections[1].Rows.Select(r => r.Stretch));
    }

    [Fact]
    public async Task A_month_lists_only_the_stretches_run_with_figures_that_month()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-01&hour={PageHour}");

        var sections = LinePage.Directions(page);
        Assert.Equal(["Towards Ila", "Towards Ranheim"], sections.Select(s => s.Title));
        Assert.Equal(["Solsiden \u2192 Torget"], sections[0].Rows.Select(r => r.Stretch));
        Assert.Equal(["Prinsens gate \u2192 Torget", "Torget \u2192 Solsiden"], sections[1].Rows.Select(r => r.Stretch));
        Assert.Equal([1, 2], sections[1].Rows.Select(r => r.Order));
    }

    [Theory]
    [InlineData(PageHour)]
    [InlineData(OtherPageHour)]
    public async Task Each_row_shows_the_hours_figures_or_says_there_were_too_few_trips(int hour)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-02&hour={hour}");

        foreach (var (direction, section) in Directions.Zip(LinePage.Directions(page)))
        {
            var expected = Expected(direction.Key, February, hour);
            Assert.Equal(expected.Select(e => e.Stats?.HourlyDeviation), section.Rows.Select(r => r.DelayAdded));
            Assert.Equal(expected.Select(e => e.Stats?.HourlyDelay), section.Rows.Select(r => r.DelayOnArrival));
        }
        if (hour == PageHour)
        {
            var tooFew = LinePage.Directions(page).SelectMany(d => d.Rows).Where(r => r.DelayAdded is null);
            Assert.Equal("Lade \u2192 Solsiden", Assert.Single(tooFew).Stretch);
        }
    }

    [Fact]
    public async Task The_stretches_adding_the_most_delay_are_marked_at_most_three_per_direction()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-02&hour={PageHour}");

        foreach (var (direction, section) in Directions.Zip(LinePage.Directions(page)))
        {
            var worst = Expected(direction.Key, February, PageHour)
                .Where(e => e.Stats is { HourlyDeviation: > 0 })
                .OrderByDescending(e => e.Stats!.HourlyDeviation)
                .Take(3)
                .Select(e => StretchOf(e.Stretch))
                .Order();
            Assert.Equal(worst, section.Rows.Where(r => r.Marked).Select(r => r.Stretch).Order());
        }
        // Towards Ranheim five stretches add 10, -5, 30, 20 and 15 s: the 10 s one is not among the three.
        Assert.Equal(
            ["Torget \u2192 Solsiden", "Solsiden \u2192 Lade", "Lade \u2192 Ranheim"],
            LinePage.Direction(page, "Towards Ranheim").Rows.Where(r => r.Marked).Select(r => r.Stretch));
        // Towards Ila only two add delay (12 and 8 s); none that loses or keeps time is marked.
        Assert.Equal(
            ["Ranheim \u2192 Lade", "Torget \u2192 Prinsens gate"],
            LinePage.Direction(page, "Towards Ila").Rows.Where(r => r.Marked).Select(r => r.Stretch));
    }

    [Theory]
    [InlineData(PageHour)]
    [InlineData(OtherPageHour)]
    public async Task Each_directions_chart_has_the_numbers_of_its_table(int hour)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-02&hour={hour}");

        var sections = LinePage.Directions(page);
        Assert.Equal(["chart-direction-0", "chart-direction-1"],
            sections.Select(s => s.Element.QuerySelector("canvas")!.GetAttribute("data-chart")));
        foreach (var (direction, section) in Directions.Zip(sections))
        {
            using var chart = section.Chart();
            var expected = Expected(direction.Key, February, hour);
            Assert.Equal(expected.Select(e => e.Stretch.To.Name), PageParts.Labels(chart));
            Assert.Equal(expected.Select(e => (double?)e.Stats?.HourlyDeviation), PageParts.Series(chart, 0));
            Assert.Equal(expected.Select(e => (double?)e.Stats?.HourlyDelay), PageParts.Series(chart, 1));
            Assert.Equal(section.Rows.Select(r => (double?)r.DelayAdded), PageParts.Series(chart, 0));
            Assert.Equal(section.Rows.Select(r => (double?)r.DelayOnArrival), PageParts.Series(chart, 1));
        }
    }

    [Fact]
    public async Task Sorting_by_delay_added_reorders_the_rows_but_they_keep_their_route_numbers()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month=2025-02&hour={PageHour}&sort=hourly_deviation&dir=desc");

        foreach (var (direction, section) in Directions.Zip(LinePage.Directions(page)))
        {
            var route = Expected(direction.Key, February, PageHour);
            // A stretch without figures sorts below every value.
            var sorted = route.OrderByDescending(e => e.Stats?.HourlyDeviation ?? int.MinValue).ToList();
            Assert.Equal(sorted.Select(e => StretchOf(e.Stretch)), section.Rows.Select(r => r.Stretch));
            Assert.Equal(sorted.Select(e => route.IndexOf(e) + 1), section.Rows.Select(r => r.Order));
            using var chart = section.Chart();
            Assert.Equal(route.Select(e => e.Stretch.To.Name), PageParts.Labels(chart));
        }
        Assert.Equal([3, 4, 5, 1, 2], LinePage.Direction(page, "Towards Ranheim").Rows.Select(r => r.Order));
        Assert.Equal([4, 1, 5, 3, 2], LinePage.Direction(page, "Towards Ila").Rows.Select(r => r.Order));
        var header = page.QuerySelector("#view section.direction th[aria-sort]");
        Assert.Equal("descending", header?.GetAttribute("aria-sort"));
        Assert.Equal("Delay added", Html.Text(header!));
    }

    [Theory]
    [InlineData("2025-02")]
    [InlineData("2025-01")]
    public async Task The_links_to_the_legs_view_the_comparison_and_the_stops_answer(string month)
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, $"{Url}?month={month}&hour={PageHour}");

        var summary = page.QuerySelectorAll("#view .summary a").Select(a => a.GetAttribute("href")!).ToList();
        var legs = Assert.Single(summary, h => h.Contains("/legs/", StringComparison.Ordinal));
        var m = int.Parse(month[5..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/2025/{m}/{PageHour}/legs/ATB/{Line3}", legs);
        var legsPage = await Views.FullPage(site, legs);
        Assert.Equal("ATB", legsPage.QuerySelector("select[name=ds] option[selected]")?.GetAttribute("value"));
        Assert.Equal(Line3, legsPage.QuerySelector("select[name=line] option[selected]")?.GetAttribute("value"));
        // Every link leads to a page.
        await PageParts.AllAnswer(site, summary);
        await PageParts.AllAnswer(site, page.QuerySelectorAll("#view section.direction tbody a").Select(a => a.GetAttribute("href")!));
        var text = Html.Text(page.QuerySelector("#view .summary")!);
        if (month == "2025-02")
        {
            Assert.Contains($"/2025/2/{PageHour}/comparison/2025/1/ATB/{Line3}", summary);
            Assert.EndsWith("Also: the line on the operator map \u00b7 change since the month before.", text, StringComparison.Ordinal);
        }
        else
        {
            // January is the oldest month: there is nothing before it to compare with.
            Assert.Single(summary);
            Assert.EndsWith("Also: the line on the operator map.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_with_the_address_to_push()
    {
        var site = await data.Hand();
        var url = $"{Url}?month=2025-02&hour={PageHour}&lat=63.43&lon=10.4&zoom=13";

        var fragment = await Views.Fragment(site, url);

        Assert.Equal("AtB line 3 · Kollektivkart", fragment.QuerySelector("title")?.TextContent);
        Assert.Equal(["Towards Ila", "Towards Ranheim"], LinePage.Directions(fragment).Select(d => d.Title));
        Assert.Equal(
            LinePage.Directions(await Views.FullPage(site, url)).SelectMany(d => d.Rows).Select(r => r.Cells),
            LinePage.Directions(fragment).SelectMany(d => d.Rows).Select(r => r.Cells));
        // The answer is the same at every position: map.js keeps the visitor's, and fits the line only for an address without one.
        using var map = await Views.MapData(site, fragment);
        using var bare = await Views.MapData(site, await Views.Fragment(site, Views.WithoutPosition(url)));
        Assert.Equal(bare.RootElement.GetRawText(), map.RootElement.GetRawText());
        Assert.True(map.RootElement.GetProperty("fit").GetBoolean());
    }

    [Fact]
    public async Task The_map_has_a_marker_per_stretch_with_figures_and_a_path_per_direction()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url);

        using var map = await Views.MapData(site, page);
        var withFigures = Directions.SelectMany(d => Expected(d.Key, February, PageHour)).Where(e => e.Stats is not null).ToList();
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(9, withFigures.Count);
        Assert.Equal(withFigures.Select(e => $"{e.Stretch.From.Name} to {e.Stretch.To.Name}").Order(), Views.MarkerTexts(map).Select(m => m.Title).Order());
        Assert.True(map.RootElement.GetProperty("fit").GetBoolean());
        var paths = map.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, paths.Count);
        foreach (var (direction, path) in Directions.Zip(paths))
        {
            var stops = Expected(direction.Key, February, PageHour).Where(e => e.Stats is not null)
                .SelectMany(e => new[] { e.Stretch.From, e.Stretch.To });
            Assert.Equal(
                stops.Select(s => (s.Lat, s.Lon)),
                path.GetProperty("points").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())));
        }
    }

    [Fact]
    public async Task The_csv_has_the_api_columns_and_the_stretches_with_figures()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url);
        var link = page.QuerySelector("#view a[download]")?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.Equal($"{Url}?month=2025-02&hour={PageHour}&handler=csv", link);
        var csv = await Views.Csv(site, link);

        var shown = LinePage.Directions(page).SelectMany(d => d.Rows).Where(r => r.DelayAdded is not null).Select(r => r.Stretch);
        Assert.Equal(shown, await PageParts.CsvHasApiRows(site, csv, ds => $"/api/leg-stats/2025/2/{PageHour}/{ds}"));
        Assert.Equal($"Download these {csv.Count - 1} stretches with statistics as CSV", Html.Text(page.QuerySelector("#view p.downloads")!));
    }

    [Fact]
    public async Task An_hour_without_figures_offers_no_empty_csv()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url + "?month=2025-02&hour=0");

        Assert.NotEmpty(LinePage.Directions(page));
        // The stretches' link; the punctuality section below has its own, for the whole day.
        Assert.Null(page.QuerySelector("#view > p.downloads"));
    }

    [Theory]
    [InlineData("/lines/XYZ/XYZ:Line:1", 404, "There is no operator \u201cXYZ\u201d with statistics.")]
    [InlineData("/lines/ATB/ATB:Line:99", 404, "AtB has no line \u201cATB:Line:99\u201d with statistics.")]
    [InlineData("/lines/SKY/ATB:Line:3", 404, "Skyss has no line \u201cATB:Line:3\u201d")]
    [InlineData("/lines/ATB/' OR 1=1 --", 404, "AtB has no line \u201c' OR 1=1 --\u201d")]
    [InlineData("/lines/ATB/ATB:Line:3?month=2031-01", 404, "There are no statistics for month \u201c2031-01\u201d: use one of 2025-01, 2025-02.")]
    [InlineData("/lines/ATB/ATB:Line:3?month=abc", 404, "There are no statistics for month \u201cabc\u201d")]
    [InlineData("/lines/ATB/ATB:Line:3?hour=24", 404, "\u201c24\u201d is not an hour of the day: use 0 to 23.")]
    [InlineData("/lines/ATB/ATB:Line:3?handler=csv&month=abc", 404, "There are no statistics for month \u201cabc\u201d")]
    // A bad map position is a bad request, as on the map views.
    [InlineData("/lines/ATB/ATB:Line:3?lat=63.4&lon=10.4&zoom=99", 400, "zoom \u201c99\u201d is not a map zoom level")]
    public async Task A_bad_address_gets_a_page_that_says_what_was_wrong(string url, int status, string sentence)
    {
        var site = await data.Hand();

        await PageParts.ErrorPage(site, url, status, sentence);
    }

    [Fact]
    public async Task On_the_demo_pond_a_line_shows_the_route_line_queries_give()
    {
        var site = await data.Demo();
        var database = StatsDatabase.Open(Path.Combine(data.DemoPond, PondLayout.StatsDb));
        // A line picked from the API: the first, in the operators' own order, with stretches at 15:00 in February.
        using var names = JsonDocument.Parse(await site.GetOk("/api/datasource-names"));
        var candidates = new List<(string DataSource, string LineRef)>();
        foreach (var ds in names.RootElement.EnumerateObject().Select(p => p.Name))
        {
            using var lines = JsonDocument.Parse(await site.GetOk($"/api/lines/{ds}"));
            candidates.AddRange(lines.RootElement.EnumerateArray().Select(l => (ds, l.GetProperty("line_ref").GetString()!)));
        }
        var (dataSource, lineRef) = candidates.First(c => LineQueries.Route(database, c.DataSource, c.LineRef, February, PageHour).Any(s => s.Stats is not null));
        var line = LineQueries.Find(database, dataSource, lineRef)!;
        var route = LineQueries.Route(database, dataSource, lineRef, February, PageHour);

        var page = await Views.FullPage(site, $"/lines/{dataSource}/{lineRef}");

        var directions = line.Directions.Where(d => route.Any(s => s.Direction == d.Direction)).ToList();
        var sections = LinePage.Directions(page);
        Assert.Equal(directions.Select(d => $"Towards {d.Destination}"), sections.Select(s => s.Title));
        foreach (var (direction, section) in directions.Zip(sections))
        {
            var stretches = route.Where(s => s.Direction == direction.Direction).ToList();
            Assert.Equal(stretches.Select(s => Html.Stretch(s.FromStop, s.ToStop)), section.Rows.Select(r => r.Stretch));
            Assert.Equal(stretches.Select(s => s.DelayAdded), section.Rows.Select(r => r.DelayAdded));
            using var chart = section.Chart();
            Assert.Equal(stretches.Select(s => s.ToStop), PageParts.Labels(chart));
        }
        await PageParts.AllAnswer(site, page.QuerySelectorAll("#view .summary a, #view section.direction tbody a").Select(a => a.GetAttribute("href")!));
    }
}
