using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Operators;

/// <summary>
/// /operators/{ds}: one operator's punctuality month by month, the rail figure, its lines worst first and its stops with
/// the most very late departures, each figure checked against the hand-built rows it comes from.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class OperatorPageTests(SiteData data)
{
    /// <summary>A share as the page writes it, computed here from the counts: one decimal and a percent sign.</summary>
    internal static string Percent(int part, int whole) =>
        ((double)part / whole * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    internal static PunctualityFigures Figures(string grain, DateOnly month, DayType dayType, string dataSource, string? lineRef = null) =>
        All.Single(r => r.Grain == grain && r.Month == month && r.DayType == dayType && r.Hour is null
            && r.DataSource == dataSource && r.LineRef == lineRef).Figures;

    /// <summary>A table's body rows as text, the row header first.</summary>
    internal static IReadOnlyList<string[]> Rows(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"table.{table} tbody tr").Select(tr => tr.Children.Select(Html.Text).ToArray()).ToList();

    [Fact]
    public async Task Month_by_month_shows_each_month_s_figures_and_the_chart_has_the_same_numbers()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators/ATB"));

        Assert.Equal("AtB: on time and cancelled", Html.Text(page.QuerySelector("main h1")!));
        Assert.Equal("AtB: on time and cancelled: February 2025, Weekdays", page.QuerySelector("main h1")!.GetAttribute("data-announce"));
        var expected = new[] { January, February }.Select(m => (Month: m, F: Figures("operator", m, DayType.Weekday, "ATB"))).ToList();
        Assert.Equal(
            expected.Select(e => new[]
            {
                e.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture), e.F.Planned.ToString("N0", CultureInfo.InvariantCulture),
                e.F.Observed.ToString("N0", CultureInfo.InvariantCulture), Percent(e.F.OnTime, e.F.Observed),
                Percent(e.F.Cancelled, e.F.Observed + e.F.Cancelled), Durations(e.F.MedianDelay!.Value), Durations(e.F.P90Delay!.Value),
            }),
            Rows(page, "operator-months"));
        // February: 800 of 950 observed on time, 20 of 970 known cancelled.
        Assert.Equal(["February 2025", "1,000", "950", "84.2 %", "2.1 %", "+1 min 35 s", "+4 min 20 s"], Rows(page, "operator-months")[1]);
        Assert.Equal("chosen", page.QuerySelectorAll("table.operator-months tbody tr")[1].ClassName);

        using var chart = JsonDocument.Parse(page.QuerySelector("script#chart-operator-months")!.TextContent);
        Assert.Equal(["2025-01", "2025-02"], chart.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var series = chart.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["On time", "Cancelled"], series.Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(expected.Select(e => Math.Round(100.0 * e.F.OnTime / e.F.Observed, 1)), series[0].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(expected.Select(e => Math.Round(100.0 * e.F.Cancelled / (e.F.Observed + e.F.Cancelled), 1)),
            series[1].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.NotNull(page.QuerySelector("canvas[data-chart=chart-operator-months][role=img][aria-label]"));
    }

    /// <summary>A delay as every page writes it (the formatting is Durations' own, tested with it).</summary>
    private static string Durations(int seconds) => Web.Display.Durations.Signed(seconds);

    [Fact]
    public async Task A_month_with_too_few_observed_shows_dashes_and_says_why_and_the_chart_leaves_it_out()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators/SKY?month=2025-02"));

        var row = Assert.Single(Rows(page, "operator-months"));
        Assert.Equal(["February 2025", TooFew.Planned.ToString(CultureInfo.InvariantCulture), TooFew.Observed.ToString(CultureInfo.InvariantCulture)], row[..3]);
        Assert.All(row[3..], cell => Assert.StartsWith("\u2013", cell, StringComparison.Ordinal));
        Assert.Contains("fewer than 20 observed departures", Html.Text(page.QuerySelector("table.operator-months")!.ParentElement!.NextElementSibling!), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("canvas[data-chart]"));
    }

    [Fact]
    public async Task The_rail_figure_gives_final_arrivals_within_3_59_and_5_59_and_cancelled_journeys()
    {
        var site = await data.Hand();

        var atb = Html.Parse(await site.GetOk("/operators/ATB"));
        var sky = Html.Parse(await site.GetOk("/operators/SKY"));

        var final = All.Single(r => r.Grain == "operator" && r.DataSource == "ATB" && r.Month == February && r.DayType == DayType.Weekday && r.Hour is null).Final!;
        var text = Html.Text(atb.QuerySelector("p.final-arrivals")!);
        Assert.Contains($"of {final.Observed} observed final arrivals", text, StringComparison.Ordinal);
        Assert.Contains($"{Percent(final.Within3Minutes59, final.Observed)} arrived within 3 minutes 59 seconds", text, StringComparison.Ordinal);
        Assert.Contains($"{Percent(final.Within5Minutes59, final.Observed)} within 5 minutes 59 seconds", text, StringComparison.Ordinal);
        Assert.Contains($"{final.JourneysCancelled} journeys cancelled", text, StringComparison.Ordinal);
        Assert.Contains("85.0 % arrived within 3 minutes 59 seconds", text, StringComparison.Ordinal);

        // Skyss has 3 observed final arrivals: too few, and the page says so instead of a share.
        var skyText = Html.Text(sky.QuerySelector("p.final-arrivals")!);
        Assert.Contains("3 observed final arrivals", skyText, StringComparison.Ordinal);
        Assert.Contains("too few", skyText, StringComparison.Ordinal);
        Assert.DoesNotContain("%", skyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_are_ranked_by_on_time_share_worst_first_with_too_few_last_and_link_to_their_pages()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators/ATB?month=2025-02"));

        var line3 = Figures("line", February, DayType.Weekday, "ATB", Line3);
        var line11 = Figures("line", February, DayType.Weekday, "ATB", Line11);
        // Line 3: 540 of 670 on time; line 11: 260 of 280. Line 3 is worse, so it comes first; line 71 has too few.
        Assert.True((double)line3.OnTime / line3.Observed < (double)line11.OnTime / line11.Observed);
        var rows = Rows(page, "operator-lines");
        Assert.Equal(3, rows.Count);
        Assert.Equal([line3.Planned.ToString("N0", CultureInfo.InvariantCulture), line3.Observed.ToString(CultureInfo.InvariantCulture),
            Percent(line3.OnTime, line3.Observed), Percent(line3.Cancelled, line3.Observed + line3.Cancelled), Durations(line3.MedianDelay!.Value)], rows[0][1..]);
        Assert.Equal("80.6 %", rows[0][3]);
        Assert.Equal(Percent(line11.OnTime, line11.Observed), rows[1][3]);
        Assert.Equal(Line71, rows[2][0]);
        Assert.All(rows[2][3..], cell => Assert.StartsWith("\u2013", cell, StringComparison.Ordinal));

        var links = page.QuerySelectorAll("table.operator-lines tbody th").Select(th => th.QuerySelector("a")?.GetAttribute("href")).ToList();
        Assert.Equal([$"/lines/ATB/{Line3}?month=2025-02&hour=15", $"/lines/ATB/{Line11}?month=2025-02&hour=15", null], links);
        foreach (var href in links.OfType<string>())
        {
            await site.GetOk(href);
        }
    }

    [Fact]
    public async Task Stops_with_the_most_very_late_departures_add_up_the_operator_s_lines_at_the_stop()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators/ATB"));

        // The stop_line rows of AtB, the whole February weekday, added up per stop; stops without a very late departure left out.
        var expected = All.Where(r => r.Grain == "stop_line" && r.DataSource == "ATB" && r.Month == February && r.DayType == DayType.Weekday && r.Hour is null)
            .GroupBy(r => r.Stop!)
            .Select(g => (Stop: g.Key, VeryLate: g.Sum(r => r.Figures.VeryLate), Observed: g.Sum(r => r.Figures.Observed), OnTime: g.Sum(r => r.Figures.OnTime)))
            .Where(s => s.VeryLate > 0)
            .OrderByDescending(s => s.VeryLate)
            .ToList();
        Assert.Equal([Lade.Name, Solsiden.Name, Torget.Name, Ranheim.Name], expected.Select(s => s.Stop.Name));
        var rows = Rows(page, "operator-stops");
        Assert.Equal(expected.Select(s => s.Stop.Name), rows.Select(r => r[0]));
        Assert.Equal(expected.Select(s => s.VeryLate.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
        Assert.Equal(expected.Select(s => s.Observed.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[2]));
        Assert.Equal(Percent(expected[1].VeryLate, expected[1].Observed), rows[1][3]);
        Assert.Equal(Percent(expected[1].OnTime, expected[1].Observed), rows[1][4]);
        // Ranheim: 15 observed, too few for a share.
        Assert.StartsWith("\u2013", rows[3][3], StringComparison.Ordinal);
        Assert.Equal($"/stops/{Solsiden.Id}?month=2025-02", page.QuerySelectorAll("table.operator-stops tbody th a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task Each_table_s_csv_holds_its_rows_with_shares_as_fractions()
    {
        var site = await data.Hand();
        var page = Html.Parse(await site.GetOk("/operators/ATB?month=2025-02"));
        var hrefs = page.QuerySelectorAll("p.downloads a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            ["/operators/ATB?month=2025-02&handler=csv&table=months", "/operators/ATB?month=2025-02&handler=csv&table=lines",
             "/operators/ATB?month=2025-02&handler=csv&table=stops"],
            hrefs);

        var months = await Views.Csv(site, hrefs[0]);
        var lines = await Views.Csv(site, hrefs[1]);
        var stops = await Views.Csv(site, hrefs[2]);

        var february = Figures("operator", February, DayType.Weekday, "ATB");
        Assert.Equal(["month", "planned", "observed", "cancelled", "on_time_share", "cancelled_share", "median_delay", "p90_delay",
            "final_observed", "arrived_within_3_59", "arrived_within_5_59", "journeys_cancelled"], months[0]);
        Assert.Equal(["2025-02", "1000", "950", "20", Fraction(february.OnTime, february.Observed), Fraction(20, 970), "95", "260", "200", "170", "190", "4"], months[2]);
        Assert.Equal("0.8421", months[2][4]);
        Assert.Equal(Rows(page, "operator-lines").Select(r => r[0]), lines.Skip(1).Select(r => r[1]));
        Assert.Equal(["line_ref", "line", "planned", "observed", "cancelled", "on_time_share", "cancelled_share", "median_delay"], lines[0]);
        Assert.Equal([Line71, Line71, "14", "12", "1", "", "", ""], lines[3]);
        Assert.Equal(Rows(page, "operator-stops").Select(r => r[0]), stops.Skip(1).Select(r => r[1]));
        Assert.Contains($"{months.Count - 1} months", Html.Text(page.QuerySelectorAll("p.downloads")[0]), StringComparison.Ordinal);
    }

    private static string Fraction(int part, int whole) => Math.Round((double)part / whole, 4).ToString("0.####", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_day_selector_chooses_the_day_type_and_htmx_gets_the_view_alone_with_the_address_pushed()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators/ATB?month=2025-02&day=saturday"));
        using var fragment = await site.Get("/operators/ATB?month=2025-02&day=saturday", ("HX-Request", "true"));

        var saturday = Figures("operator", February, DayType.Saturday, "ATB");
        var row = Assert.Single(Rows(page, "operator-months"));
        Assert.Equal(Percent(saturday.OnTime, saturday.Observed), row[3]);
        Assert.Equal("saturday", page.QuerySelector("select#select-day option[selected]")?.GetAttribute("value"));
        Assert.Equal("2025-02", page.QuerySelector("select#select-month option[selected]")?.GetAttribute("value"));
        Assert.Equal("/operators/ATB?month=2025-02&day=saturday", page.QuerySelector("table.operator-months a")?.GetAttribute("href"));
        Assert.Equal("/operators/ATB", page.QuerySelector("form.selectors")?.GetAttribute("hx-get"));
        var body = await fragment.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
        Assert.Contains("table class=\"data-table operator-months\"", body, StringComparison.Ordinal);
        Assert.Equal("/operators/ATB?month=2025-02&day=saturday", Assert.Single(fragment.Headers.GetValues("HX-Push-Url")));
        Assert.Contains("HX-Request", fragment.Headers.Vary);
    }

    [Fact]
    public async Task On_the_demo_pond_the_stops_are_the_20_with_most_very_late_departures_of_the_operator_s_stops()
    {
        var site = await data.Demo();
        var page = Html.Parse(await site.GetOk("/operators/RUT?month=2025-02"));

        // The operator's stops as the map's query adds up its lines at each stop, ranked here by very late departures.
        using var database = StatsDatabase.Open(Path.Combine(data.DemoPond, Kollektivkart.Data.Pond.PondLayout.StatsDb));
        var all = PunctualityQueries.Stops(database, February, DayType.Weekday, null, "RUT").Where(s => s.Figures.VeryLate > 0).ToList();
        Assert.True(all.Count > PunctualityQueries.OperatorStopCount, $"the demo data has only {all.Count} stops of Ruter with a very late departure");
        var rows = Rows(page, "operator-stops");
        Assert.Equal(PunctualityQueries.OperatorStopCount, rows.Count);
        var counts = rows.Select(r => int.Parse(r[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(all.Select(s => s.Figures.VeryLate).OrderDescending().Take(PunctualityQueries.OperatorStopCount), counts);
        var byName = all.ToLookup(s => s.Name);
        Assert.All(rows, r => Assert.Contains(byName[r[0]], s => s.Figures.VeryLate.ToString("N0", CultureInfo.InvariantCulture) == r[1]));
    }

    [Theory]
    [InlineData("/operators/XYZ", 404, "no operator")]
    [InlineData("/operators/ATB?month=2025-03", 404, "no statistics for month")]
    [InlineData("/operators/ATB?month=soon", 404, "no statistics for month")]
    [InlineData("/operators/ATB?day=monday", 404, "no day type")]
    [InlineData("/operators/ATB?handler=csv&table=hours", 400, "no table")]
    [InlineData("/operators/XYZ?handler=csv&table=lines", 404, "no operator")]
    public async Task A_wrong_operator_month_day_type_or_table_is_a_4xx_that_says_so(string url, int status, string says)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        Assert.Equal(status, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
        NoStackTrace.In(body);
    }
}
