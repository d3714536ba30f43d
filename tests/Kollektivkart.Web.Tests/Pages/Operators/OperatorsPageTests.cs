using System.Globalization;
using System.Net;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Operators;

/// <summary>/operators: every operator with its stretches in a month (counted by hand from the hand-built stats.db) and its views.</summary>
[Collection(SiteCollection.Name)]
public sealed class OperatorsPageTests(SiteData data)
{
    /// <summary>
    /// The distinct stretches an operator has in the hand-built stats.db that month and day type, at any hour: the chosen
    /// rows, plus the generated hot-spot candidates (Ruter, February) and comparison rows (both months) on weekdays.
    /// </summary>
    private static int Stretches(string dataSource, DateOnly month, DayType dayType)
    {
        var chosen = HandBuiltStatsDb.Legs.Concat(WeekendLegs).Concat(ChangeLegs)
            .Where(l => l.DataSource == dataSource && l.Month == month && l.DayType == dayType)
            .Select(l => (l.From.Id, l.To.Id)).Distinct().Count();
        if (dayType != DayType.Weekday)
        {
            return chosen;
        }
        var hot = dataSource == "RUT" && month == February ? HotSpotCandidates : 0;
        var compared = month == January || month == February
            ? dataSource switch { "RUT" => ComparisonRuterRows, "SKY" => ComparisonSkyssRows, _ => 0 }
            : 0;
        return chosen + hot + compared;
    }

    [Fact]
    public async Task Lists_every_operator_with_its_code_its_stretches_in_the_newest_month_and_links_to_its_views()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators"));

        Assert.Equal("Operators, February 2025, Weekdays", Html.Text(page.QuerySelector("main h1")!));
        var table = Html.Table(page);
        Assert.Equal(["name", "code", "on_time", "cancelled", "observed", "stretches", "", ""], table.SortKeys);
        // By name, as the default order.
        var expected = DataSourceNames.OrderBy(d => d.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(d => d.Value), table.Column("name"));
        Assert.Equal(expected.Select(d => d.Key), table.Column("code"));
        Assert.Equal(expected.Select(d => Stretches(d.Key, February, DayType.Weekday)), table.Column("stretches").Select(c => (int)Views.Count(c)));

        var rows = page.QuerySelectorAll("table.data-table tbody tr").ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var code = expected[i].Key;
            Assert.Equal(
                [$"/2025/2/15/legs/{code}", $"/2025/2/changes/{code}", $"/feeds/{code}.atom"],
                rows[i].QuerySelectorAll("td.operator-links a").Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task Another_month_and_day_type_count_that_month_and_day_type_and_links_keep_them()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators?month=2025-01&day=saturday&sort=stretches&dir=desc"));

        Assert.Equal("Operators, January 2025, Saturdays", Html.Text(page.QuerySelector("main h1")!));
        var table = Html.Table(page);
        var counts = table.Column("stretches").Select(c => (int)Views.Count(c)).ToList();
        var codes = table.Column("code").ToList();
        Assert.Equal(codes.Select(c => Stretches(c, January, DayType.Saturday)), counts);
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Contains(counts, c => c > 0);
        Assert.Equal("2025-01", page.QuerySelector("select[name=month] option[selected]")?.GetAttribute("value"));
        Assert.Equal(["2025-02", "2025-01"], page.QuerySelectorAll("select[name=month] option").Select(o => o.GetAttribute("value")));
        var links = page.QuerySelectorAll("td.operator-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/2025/1/15/legs/RUT?day=saturday", links);
        Assert.Contains("/feeds/RUT.atom?day=saturday", links);
    }

    [Fact]
    public async Task The_csv_holds_the_table_s_rows_in_its_order_with_the_views_addresses()
    {
        var site = await data.Hand();
        var page = Html.Parse(await site.GetOk("/operators?sort=stretches&dir=asc"));
        var table = Html.Table(page);
        var href = page.QuerySelector("p.downloads a")!.GetAttribute("href")!;

        var csv = await Views.Csv(site, href);

        Assert.Equal(["name", "data_source", "stretches", "planned", "observed", "cancelled", "on_time_share", "cancelled_share", "page", "legs", "changes", "feed"], csv[0]);
        Assert.Equal(table.Rows.Select(r => new[] { r[0], r[1], Views.Count(r[5]).ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            csv.Skip(1).Select(r => r[..3]));
        Assert.Contains($"{csv.Count - 1} rows", Html.Text(page.QuerySelector("p.downloads")!), StringComparison.Ordinal);
        Assert.Equal("/2025/2/15/legs/ATB", csv.Single(r => r[1] == "ATB")[9]);
    }

    [Fact]
    public async Task The_header_s_operators_link_opens_the_page_and_legs_keeps_working()
    {
        var site = await data.Hand();

        var hotSpots = Html.Parse(await site.GetOk("/2025/2/8/hot-spots"));
        using var legs = await site.Get("/legs");

        Assert.Equal("/operators", hotSpots.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.TextContent == "Operators").GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Found, legs.StatusCode);
        Assert.Equal("/2025/2/15/legs/RUT", legs.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Each_operator_has_this_month_s_on_time_and_cancelled_shares_and_observed_departures_or_a_dash_that_says_why()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators?month=2025-02"));

        var table = Html.Table(page);
        var codes = table.Column("code").ToList();
        foreach (var code in new[] { "ATB", "RUT" })
        {
            var f = OperatorPageTests.Figures("operator", February, DayType.Weekday, code);
            Assert.Equal(OperatorPageTests.Percent(f.OnTime, f.Observed), table.Column("on_time").ElementAt(codes.IndexOf(code)));
            Assert.Equal(OperatorPageTests.Percent(f.Cancelled, f.Observed + f.Cancelled), table.Column("cancelled").ElementAt(codes.IndexOf(code)));
            Assert.Equal(f.Observed, Views.Count(table.Column("observed").ElementAt(codes.IndexOf(code))));
        }
        // AtB: 800 of 950 observed on time, 20 of 970 known cancelled.
        Assert.Equal("84.2 %", table.Column("on_time").ElementAt(codes.IndexOf("ATB")));
        Assert.Equal("2.1 %", table.Column("cancelled").ElementAt(codes.IndexOf("ATB")));
        // Skyss has 12 observed departures: a dash with its reason, and the note under the table says it once.
        var rows = page.QuerySelectorAll("table.operators-table tbody tr").ToList();
        var sky = rows[codes.IndexOf("SKY")];
        var dashes = sky.QuerySelectorAll("span.dash").ToList();
        Assert.Equal(2, dashes.Count);
        Assert.All(dashes, d => Assert.Contains("fewer than 20 observed departures", d.GetAttribute("title"), StringComparison.Ordinal));
        Assert.Equal("12", table.Column("observed").ElementAt(codes.IndexOf("SKY")));
        Assert.Contains("fewer than 20 observed departures", Html.Text(page.QuerySelector("p.table-note")!), StringComparison.Ordinal);
        // The name opens the operator's page at that month and day type.
        Assert.Equal("/operators/ATB?month=2025-02", rows[codes.IndexOf("ATB")].QuerySelector("th a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_trend_draws_the_last_12_months_on_time_share_with_a_text_alternative_and_a_dash_for_too_few()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators?month=2025-02"));

        var codes = Html.Table(page).Column("code").ToList();
        var rows = page.QuerySelectorAll("table.operators-table tbody tr").ToList();
        var atb = rows[codes.IndexOf("ATB")].QuerySelector("td.trend")!;
        var january = OperatorPageTests.Figures("operator", January, DayType.Weekday, "ATB");
        var february = OperatorPageTests.Figures("operator", February, DayType.Weekday, "ATB");
        // The months offered are January and February: both AtB's have enough observed departures.
        Assert.Equal(
            $"{OperatorPageTests.Percent(january.OnTime, january.Observed)} in January 2025 to {OperatorPageTests.Percent(february.OnTime, february.Observed)} in February 2025",
            Html.Text(atb.QuerySelector(".visually-hidden")!));
        Assert.Equal("86.4 % in January 2025 to 84.2 % in February 2025", Html.Text(atb.QuerySelector(".visually-hidden")!));
        Assert.Equal("true", atb.QuerySelector("svg")!.GetAttribute("aria-hidden"));
        // Falling from 86.4 % to 84.2 %: the line goes down from the left point to the right one.
        var points = atb.QuerySelector("svg polyline")!.GetAttribute("points")!.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(2, points.Count);
        Assert.True(points[0][0] < points[1][0] && points[0][1] < points[1][1], "the line should fall from January to February");
        Assert.Empty(atb.QuerySelectorAll("svg line.gap"));

        // Skyss: no month in January, too few in February: two dashes and no line.
        var sky = rows[codes.IndexOf("SKY")].QuerySelector("td.trend")!;
        Assert.Equal(2, sky.QuerySelectorAll("svg line.gap").Length);
        Assert.Null(sky.QuerySelector("svg polyline"));
        Assert.Equal("No month with at least 20 observed departures", Html.Text(sky.QuerySelector(".visually-hidden")!));
    }

    [Fact]
    public async Task The_trend_of_the_oldest_month_has_that_month_alone_and_a_gap_is_counted_in_words()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/operators?month=2025-01"));

        var codes = Html.Table(page).Column("code").ToList();
        var rows = page.QuerySelectorAll("table.operators-table tbody tr").ToList();
        var january = OperatorPageTests.Figures("operator", January, DayType.Weekday, "RUT");
        var rut = rows[codes.IndexOf("RUT")].QuerySelector("td.trend")!;
        Assert.Equal($"{OperatorPageTests.Percent(january.OnTime, january.Observed)} in January 2025, the only month to show",
            Html.Text(rut.QuerySelector(".visually-hidden")!));
        Assert.NotNull(rut.QuerySelector("svg circle"));
    }

    [Theory]
    [InlineData("/operators?month=2025-03", "no statistics for month")]
    [InlineData("/operators?month=soon", "no statistics for month")]
    [InlineData("/operators?day=monday", "no day type")]
    public async Task A_wrong_month_or_day_type_is_a_404_that_says_so(string url, string says)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
        NoStackTrace.In(body);
    }
}
