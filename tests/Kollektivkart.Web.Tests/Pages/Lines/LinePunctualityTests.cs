using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Lines;

/// <summary>
/// A line page's punctuality section (data-model.md section 9) on the hand-built stats.db: line 3 stop by stop per direction
/// at the page's hour and over the whole day, the worked example at Torget towards Ranheim, Ila below 20 observed, and the
/// line month by month; each table's CSV.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LinePunctualityTests(SiteData data)
{
    private const string Url = "/lines/ATB/ATB:Line:3";
    private static readonly string February15 = $"{Url}?month=2025-02&hour={PageHour}";

    /// <summary>What a figure cell reads: the figure, or the dash with its reason for screen readers.</summary>
    private static readonly string DashText = $"{Shares.Dash} (fewer than {PunctualityFigures.MinObserved} observed departures)";

    /// <summary>The direction keys in the order the page lists them (as its stretches), with their titles.</summary>
    private static readonly (string Key, string Title)[] Directions = [("Inbound", "Towards Ila"), ("Outbound", "Towards Ranheim")];

    /// <summary>The fixture's rows of line 3 in one direction, in route order.</summary>
    private static List<PunctualityRow> Route(string direction, int? hour, DayType dayType = DayType.Weekday) =>
        All.Where(r => r.Grain == "stop_line_direction" && r.LineRef == Line3 && r.Direction == direction
                && r.Month == February && r.DayType == dayType && r.Hour == hour)
            .OrderBy(r => r.Position)
            .ToList();

    /// <summary>A figure as <see cref="Html.Text"/> reads it (the no-break space before % a plain one), or the dash.</summary>
    private static string Shown(string? figure) => figure is null ? DashText : string.Join(' ', figure.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A route table's row as the page should show it: #, stop, on time, median, 90th percentile, observed, cancelled.</summary>
    private static string[] Cells(PunctualityRow row, int order) =>
    [
        $"{order}", row.Stop!.Name, Shown(Shares.Percent(row.Figures.OnTimeShare)), Shown(Shares.Delay(row.Figures.ShownMedianDelay)),
        Shown(Shares.Delay(row.Figures.ShownP90Delay)), row.Figures.Observed.ToString("N0"), Shown(Shares.Percent(row.Figures.CancelledShare)),
    ];

    private static IReadOnlyList<IElement> Sections(IHtmlDocument page) => page.QuerySelectorAll("section.punctuality-direction").ToList();

    private static string TitleOf(IElement section) => Html.Text(section.QuerySelector("h3")!).Split(" (from ")[0];

    private static IElement Section(IHtmlDocument page, string title) => Assert.Single(Sections(page), s => TitleOf(s) == title);

    [Fact]
    public async Task Each_direction_lists_its_stops_in_route_order_with_the_hours_figures()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        Assert.Equal(Directions.Select(d => d.Title), Sections(page).Select(TitleOf));
        foreach (var (key, title) in Directions)
        {
            var expected = Route(key, PageHour);
            var table = PageParts.TableCaptioned(Section(page, title), $"{title}: departures stop by stop, 15:00\u201315:59, weekdays in February 2025");
            Assert.NotNull(table);
            Assert.Equal(expected.Select((r, i) => Cells(r, i + 1)), PageParts.Rows(table));
        }
        // Spelled out: positions 1, 3, 5, 7, 9 (the final stop has no departures).
        Assert.Equal(["Ila", "Prinsens gate", "Torget", "Solsiden", "Lade"],
            PageParts.Rows(Section(page, "Towards Ranheim").QuerySelector("table")!).Select(r => r[1]));
    }

    [Fact]
    public async Task Torget_towards_Ranheim_shows_the_worked_example()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var row = Assert.Single(PageParts.Rows(Section(page, "Towards Ranheim").QuerySelector("table")!), r => r[1] == "Torget");
        // 21 on time of 25 observed (data-model.md section 9).
        Assert.Equal("84.0 %", row[2]);
        Assert.Equal(WorkedExample.MedianDelay, PageParts.Seconds(row[3]));
        Assert.Equal(WorkedExample.P90Delay, PageParts.Seconds(row[4]));
        Assert.Equal($"{WorkedExample.Observed}", row[5]);
        Assert.Equal("7.4 %", row[6]);
    }

    [Fact]
    public async Task Ila_with_too_few_observed_departures_shows_dashes_and_says_why()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var section = Section(page, "Towards Ranheim");
        var ila = section.QuerySelector("table tbody tr")!;
        Assert.Equal(Cells(Route("Outbound", PageHour)[0], 1), ila.Children.Select(Html.Text));
        Assert.Equal(TooFew.Observed, Views.Count(Html.Text(ila.Children[5])));
        var dashes = ila.QuerySelectorAll("span.dash");
        Assert.Equal(4, dashes.Length);
        Assert.All(dashes, d => Assert.Equal(Shares.DashReason, d.GetAttribute("title")));
        // The reason once, under the table that has dashes; none under the one without.
        Assert.Equal([Shares.DashReason], section.QuerySelectorAll("p.dash-note").Select(Html.Text));
        Assert.Empty(Section(page, "Towards Ila").QuerySelectorAll("p.dash-note"));
    }

    [Fact]
    public async Task Each_directions_chart_has_the_median_and_90th_percentile_of_its_table()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        foreach (var (i, (key, title)) in Directions.Index())
        {
            using var chart = PageParts.Chart(Section(page, title), $"chart-punctuality-{i}");
            var expected = Route(key, PageHour);
            Assert.Equal("line", chart.RootElement.GetProperty("type").GetString());
            Assert.Equal(expected.Select(r => r.Stop!.Name), PageParts.Labels(chart));
            // A stop below 20 observed is a gap in the lines, not a zero.
            Assert.Equal(expected.Select(r => (double?)r.Figures.ShownMedianDelay), PageParts.Series(chart, 0));
            Assert.Equal(expected.Select(r => (double?)r.Figures.ShownP90Delay), PageParts.Series(chart, 1));
        }
        using var outbound = PageParts.Chart(page, "chart-punctuality-1");
        Assert.Null(PageParts.Series(outbound, 0)[0]);
    }

    [Fact]
    public async Task The_whole_day_is_a_second_table_in_route_order()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var section = Section(page, "Towards Ranheim");
        var table = section.QuerySelector("details table");
        Assert.NotNull(table);
        Assert.StartsWith("Towards Ranheim: departures stop by stop, the whole day, weekdays in February 2025", Html.Text(table.QuerySelector("caption")!));
        var expected = Route("Outbound", null);
        Assert.Equal(["Ila", "Torget", "Lade"], expected.Select(r => r.Stop!.Name));
        Assert.Equal(expected.Select((r, i) => Cells(r, i + 1)), PageParts.Rows(table));
        // Towards Ila has no whole-day rows: no second table.
        Assert.Null(Section(page, "Towards Ila").QuerySelector("details"));
    }

    [Fact]
    public async Task The_line_month_by_month_has_its_on_time_and_cancelled_share_in_a_table_and_a_chart()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var months = All.Where(r => r.Grain == "line" && r.LineRef == Line3 && r.DayType == DayType.Weekday && r.Hour is null)
            .OrderBy(r => r.Month).ToList();
        Assert.Equal([January, February], months.Select(m => m.Month));
        var table = PageParts.TableCaptioned(page, "Departures of line 3 month by month");
        Assert.NotNull(table);
        Assert.Equal(
            months.Select(m => new[]
            {
                m.Month == January ? "January 2025" : "February 2025", Shown(Shares.Percent(m.Figures.OnTimeShare)),
                Shown(Shares.Percent(m.Figures.CancelledShare)), m.Figures.Observed.ToString("N0"), m.Figures.Planned.ToString("N0"),
            }),
            PageParts.Rows(table));
        using var chart = PageParts.Chart(page, "chart-punctuality-months");
        Assert.Equal(["2025-01", "2025-02"], PageParts.Labels(chart));
        Assert.Equal(months.Select(m => (double?)Math.Round(m.Figures.OnTimeShare!.Value * 100, 1)), PageParts.Series(chart, 0));
        Assert.Equal(months.Select(m => (double?)Math.Round(m.Figures.CancelledShare!.Value * 100, 1)), PageParts.Series(chart, 1));
        Assert.Equal(100, chart.RootElement.GetProperty("yMax").GetDouble());
    }

    [Fact]
    public async Task The_section_follows_the_day_selector()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15 + "&day=saturday");
        var fragment = await Views.Fragment(site, February15 + "&day=saturday");

        // Line 3 has no Saturday rows: each view says so instead of showing weekday figures.
        foreach (var view in new[] { page, fragment })
        {
            Assert.Empty(Sections(view));
            var section = view.QuerySelector("section.punctuality")!;
            Assert.Contains("No departure of this line was recorded on saturdays in February 2025.", Html.Text(section), StringComparison.Ordinal);
            Assert.Null(PageParts.TableCaptioned(section, "Departures of line 3 month by month"));
        }
        Assert.Equal(2, Sections(await Views.Fragment(site, February15)).Count);
    }

    [Fact]
    public async Task Each_table_has_its_csv_with_the_rows_it_shows()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var links = page.QuerySelectorAll("#view section.punctuality p.downloads a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            [$"{February15}&handler=routecsv", $"{February15}&handler=routedaycsv", $"{February15}&handler=monthscsv"], links);
        foreach (var (link, hour) in new[] { (links[0], (int?)PageHour), (links[1], null) })
        {
            var csv = await Views.Csv(site, link);
            string Cell(string[] record, string name) => record[Array.IndexOf(csv[0], name)];
            var expected = Directions.SelectMany(d => Route(d.Key, hour)).ToList();
            Assert.Equal(expected.Select(r => (r.Direction, r.Stop!.Id, r.Stop.Name, $"{r.Position}")),
                csv.Skip(1).Select(c => ((string?)Cell(c, "direction"), Cell(c, "stop_id"), Cell(c, "stop"), Cell(c, "position"))));
            Assert.All(csv.Skip(1), c => Assert.Equal(["ATB", Line3, "2025-02", "weekday", hour is { } h ? $"{h}" : ""],
                new[] { "data_source", "line_ref", "month", "day_type", "hour" }.Select(n => Cell(c, n))));
            Assert.Equal(expected.Select(r => Counts(r.Figures)), csv.Skip(1).Select(c => CountsOf(csv[0], c)));
        }
        var torget = (await Views.Csv(site, links[0])) is var routeCsv ? routeCsv.Single(c => c.Contains(Torget.Id) && c.Contains("Outbound")) : null!;
        Assert.Equal(["0.84", "0.0741", "95", "240"], new[] { "on_time_share", "cancelled_share", "median_delay", "p90_delay" }.Select(n => torget[Array.IndexOf(routeCsv[0], n)]));
        var ila = routeCsv.Single(c => c.Contains(Ila.Id) && c.Contains("Outbound"));
        Assert.Equal(["", "", "", ""], new[] { "on_time_share", "cancelled_share", "median_delay", "p90_delay" }.Select(n => ila[Array.IndexOf(routeCsv[0], n)]));

        var monthsCsv = await Views.Csv(site, links[2]);
        var months = All.Where(r => r.Grain == "line" && r.LineRef == Line3 && r.DayType == DayType.Weekday && r.Hour is null).OrderBy(r => r.Month).ToList();
        Assert.Equal(months.Select(m => $"{m.Month:yyyy-MM}"), monthsCsv.Skip(1).Select(c => c[Array.IndexOf(monthsCsv[0], "month")]));
        Assert.Equal(months.Select(m => Counts(m.Figures)), monthsCsv.Skip(1).Select(c => CountsOf(monthsCsv[0], c)));
        Assert.Equal(months.Select(m => $"{m.Final!.Observed}"), monthsCsv.Skip(1).Select(c => c[Array.IndexOf(monthsCsv[0], "final_observed")]));
    }

    [Theory]
    [InlineData("/lines/ATB/ATB:Line:3?handler=routecsv&hour=24", 404, "\u201c24\u201d is not an hour of the day")]
    [InlineData("/lines/ATB/ATB:Line:3?handler=routedaycsv&day=x", 404, "There is no day type \u201cx\u201d")]
    [InlineData("/lines/ATB/ATB:Line:3?handler=monthscsv&month=2025-03", 404, "There are no statistics for month \u201c2025-03\u201d")]
    [InlineData("/lines/ATB/ATB:Line:999?handler=routecsv", 404, "AtB has no line \u201cATB:Line:999\u201d")]
    [InlineData("/lines/ATB/ATB:Line:3?day=holiday", 404, "There is no day type \u201choliday\u201d")]
    public async Task A_bad_address_gets_a_page_that_says_what_was_wrong(string url, int status, string sentence)
    {
        var site = await data.Hand();

        await PageParts.ErrorPage(site, url, status, sentence);
    }

    /// <summary>Section 9's counts, then the shares and percentiles as the CSV writes them (empty below 20 observed).</summary>
    private static string[] Counts(PunctualityFigures f) =>
    [
        $"{f.Planned}", $"{f.Cancelled}", $"{f.Observed}", $"{f.Unknown}", $"{f.Early}", $"{f.OnTime}", $"{f.Late}", $"{f.VeryLate}",
        Shares.Csv(f.OnTimeShare), Shares.Csv(f.CancelledShare), $"{f.ShownMedianDelay}", $"{f.ShownP90Delay}",
    ];

    private static readonly string[] MeasureNames =
        ["planned", "cancelled", "observed", "unknown", "early", "on_time", "late", "very_late", "on_time_share", "cancelled_share", "median_delay", "p90_delay"];

    private static string[] CountsOf(string[] header, string[] record) => [.. MeasureNames.Select(n => record[Array.IndexOf(header, n)])];
}
