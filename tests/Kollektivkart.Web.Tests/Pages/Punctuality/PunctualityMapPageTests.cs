using System.Globalization;
using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;
using Stop = Kollektivkart.Web.Tests.Support.Stop;

namespace Kollektivkart.Web.Tests.Pages.Punctuality;

/// <summary>
/// The punctuality map view (data-model.md section 9): stops coloured by on-time share and sized by observed departures,
/// the worst stops ranked beside them, on the hand-built stats.db's punctuality rows.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PunctualityMapPageTests(SiteData data)
{
    private static string Url(object hour, string scope = "") => $"/2025/2/{hour}/punctuality{scope}";

    /// <summary>The hand-built stop rows of February's weekdays at an hour (null: the whole day), as the map view reads them.</summary>
    private static List<(Stop Stop, PunctualityFigures Figures)> StopRows(int? hour) =>
        All.Where(r => r.Grain == "stop" && r.Month == February && r.DayType == DayType.Weekday && r.Hour == hour)
            .Select(r => (r.Stop!, r.Figures)).ToList();

    /// <summary>A stop's marker as the map data sends it: shares in tenths of a percent, none below 20 observed.</summary>
    private sealed record StopMarker(double Lat, double Lon, string Colour, int Radius, string StopId, int Observed, int Planned, int[] Tenths, string Href);

    /// <summary>The markers by stop name, read as map.js reads them: the colour from its index, the link from the template.</summary>
    private static async Task<Dictionary<string, StopMarker>> Markers(Site site, string url)
    {
        using var map = await Views.MapData(site, await Views.FullPage(site, url));
        var stops = map.RootElement.GetProperty("stops");
        var names = stops.GetProperty("factNames").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(["On time", "Late", "Very late", "Cancelled", "Departures observed / planned"], names);
        Assert.Equal("\u2013 (fewer than 20 observed)", stops.GetProperty("tooFew").GetString());
        Assert.Equal("The stop's page", stops.GetProperty("linkText").GetString());
        Assert.Equal(0, map.RootElement.GetProperty("markers").GetArrayLength());
        var colours = stops.GetProperty("colours").EnumerateArray().Select(c => c.GetString()!).ToList();
        var link = stops.GetProperty("link").GetString()!;
        return stops.GetProperty("markers").EnumerateArray().ToDictionary(m => m[4].GetString()!, m => new StopMarker(
            m[0].GetDouble(), m[1].GetDouble(), colours[m[2].GetInt32()], m[3].GetInt32(), m[5].GetString()!, m[6].GetInt32(), m[7].GetInt32(),
            [.. m.EnumerateArray().Skip(8).Select(v => v.GetInt32())], link.Replace("%01", Uri.EscapeDataString(m[5].GetString()!).Replace("%3A", ":"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_stop_is_a_marker_coloured_by_its_on_time_share_and_grey_below_20_observed()
    {
        var site = await data.Hand();

        var markers = await Markers(site, Url(PageHour));

        var stops = StopRows(PageHour);
        Assert.Equal(stops.Select(s => s.Stop.Name).Order(StringComparer.Ordinal), markers.Keys.Order(StringComparer.Ordinal));
        foreach (var (stop, figures) in stops)
        {
            var marker = markers[stop.Name];
            var expected = figures.Observed < 20 ? ColourScale.TooFewColour : ColourScale.OnTime.ColourOf(100.0 * figures.OnTime / figures.Observed);
            Assert.Equal(expected, marker.Colour);
            Assert.Equal(stop.Lat, marker.Lat, 5);
            Assert.Equal(stop.Lon, marker.Lon, 5);
            Assert.Equal(stop.Id, marker.StopId);
            Assert.Equal((figures.Observed, figures.Planned), (marker.Observed, marker.Planned));
            // Each share as the table writes it, put back together from its tenths as map.js does.
            string[] shares = figures.Shown
                ? [.. new[] { figures.OnTimeShare, figures.LateShare, figures.VeryLateShare, figures.CancelledShare }.Select(v => Shares.Percent(v)!)]
                : [];
            Assert.Equal(shares, marker.Tenths.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t / 10}.{t % 10}\u00a0%")));
        }
        // Lade: 22 of 38 on time, under 60 %, the scale's red; Torget 60 of 71, 84.5 %; Ila 12 observed, grey.
        Assert.Equal("#d73027", markers[Lade.Name].Colour);
        Assert.Equal("#e0f3f8", markers[Torget.Name].Colour);
        Assert.Equal("#bdbdbd", markers[Ila.Name].Colour);
        // Its popup's figures: the shares in tenths of a percent and the departures, no shares below 20 observed, and
        // the link to the stop's page at the view's month and hour.
        Assert.Equal([845, 99, 42, 41], markers[Torget.Name].Tenths);
        Assert.Equal((71, 79), (markers[Torget.Name].Observed, markers[Torget.Name].Planned));
        Assert.Empty(markers[Ila.Name].Tenths);
        Assert.Equal($"/stops/{Torget.Id}?month=2025-02&hour={PageHour}", markers[Torget.Name].Href);
    }

    [Fact]
    public async Task A_marker_grows_with_the_root_of_its_observed_departures_within_bounds()
    {
        var site = await data.Hand();

        var hour = await Markers(site, Url(PageHour));
        var day = await Markers(site, Url("all"));

        // 12 observed (Ila) and 38 (Lade): the smallest, 3 px; Torget's 71: half of 8.4, 4 px; its 735 all day: the largest, 12 px.
        Assert.Equal(3, hour[Ila.Name].Radius);
        Assert.Equal(3, hour[Lade.Name].Radius);
        Assert.Equal(4, hour[Torget.Name].Radius);
        Assert.Equal(12, day[Torget.Name].Radius);
        // Alfa all day: 495 observed, half of 22.2: 11 px.
        Assert.Equal(11, day[Alfa.Name].Radius);
    }

    [Fact]
    public async Task The_table_ranks_the_stops_with_a_share_worst_first_and_counts_the_rest_in_a_note()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url(PageHour));

        var expected = StopRows(PageHour).Where(s => s.Figures.Observed >= 20)
            .OrderBy(s => (double)s.Figures.OnTime / s.Figures.Observed).ThenBy(s => s.Stop.Id, StringComparer.Ordinal)
            .Select(s => s.Stop.Name).ToList();
        var table = Html.Table(page);
        Assert.Equal(expected, table.Rows.Select(r => r[0]));
        Assert.Equal([Lade.Name, Solsiden.Name], expected.Take(2));
        Assert.Equal("57.9 %", table.Rows[0][1]);
        Assert.DoesNotContain(table.Rows, r => r[0] == Ila.Name);
        var note = page.QuerySelector("#view .too-few");
        Assert.NotNull(note);
        Assert.StartsWith("1 stop with fewer than 20 observed departures is grey on the map", Html.Text(note), StringComparison.Ordinal);
        Assert.Equal($"/stops/{Lade.Id}?month=2025-02&hour={PageHour}", page.QuerySelector("#view table tbody th a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task An_operator_s_stops_add_its_lines_up_and_a_median_that_cannot_be_added_is_a_dash_with_its_reason()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url(MapHour, "/ATB"));

        var table = Html.Table(page);
        // Lade, line 3 only: 12 of 29 on time; Torget, lines 3 and 11: 45 of 57.
        Assert.Equal([Lade.Name, Torget.Name], table.Rows.Select(r => r[0]));
        Assert.Equal(["41.4 %", "78.9 %"], table.Column("on_time"));
        Assert.Equal("+4 min 10 s", table.Column("median_delay").First());
        var dash = page.QuerySelectorAll("#view table tbody tr")[1].QuerySelector(".dash");
        Assert.NotNull(dash);
        Assert.Contains("several lines", dash.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("several lines", Html.Text(page.QuerySelector("#view .table-note")!), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#view .too-few"));
        // One of its lines: Torget's line 3 alone, with its own median.
        var line = Html.Table(await Views.FullPage(site, Url(MapHour, "/ATB/" + Line3)));
        Assert.Equal(["+4 min 10 s", "+1 min 50 s"], line.Column("median_delay"));
    }

    [Fact]
    public async Task The_page_shows_the_first_100_stops_and_links_to_all_of_them()
    {
        var site = await data.Hand();
        var url = Url(MapHour);

        var page = await Views.FullPage(site, url);

        Assert.Equal(Views.FirstRows, Html.Table(page).Rows.Count);
        var more = page.QuerySelector("#view .more-rows a");
        Assert.NotNull(more);
        // The generated stops and Torget and Lade have a share; the two generated ones with 10 observed do not.
        Assert.Equal($"Show all {MapRankedStops + 2} rows", Html.Text(more));
        Assert.Equal(url + "?rows=all", more.GetAttribute("href"));
        var all = Html.Table(await Views.FullPage(site, more.GetAttribute("href")!));
        Assert.Equal(MapRankedStops + 2, all.Rows.Count);
        Assert.Equal(Html.Table(page).Rows, all.Rows.Take(Views.FirstRows));
        Assert.StartsWith($"{MapTooFewStops} stops with fewer than 20", Html.Text(page.QuerySelector("#view .too-few")!), StringComparison.Ordinal);
        using var map = await Views.MapData(site, page);
        Assert.Equal(MapRankedStops + MapTooFewStops + 2, map.RootElement.GetProperty("stops").GetProperty("markers").GetArrayLength());
    }

    [Fact]
    public async Task The_whole_day_is_an_hour_choice_of_its_own()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, Url("all"));

        Assert.EndsWith("All day", Html.Text(page.QuerySelector("#view h1")!), StringComparison.Ordinal);
        Assert.Equal("all", page.QuerySelector("#select-hour option[selected]")?.GetAttribute("value"));
        var expected = StopRows(null).Where(s => s.Figures.Observed >= 20)
            .OrderBy(s => (double)s.Figures.OnTime / s.Figures.Observed).ThenBy(s => s.Stop.Id, StringComparer.Ordinal).Select(s => s.Stop.Name).Take(Views.FirstRows);
        Assert.Equal(expected, Html.Table(page).Rows.Select(r => r[0]));
        // Its stop links carry the month but no hour.
        Assert.All(page.QuerySelectorAll("#view table tbody th a"), a => Assert.DoesNotContain("hour=", a.GetAttribute("href"), StringComparison.Ordinal));
        // The selector form without JavaScript: /select keeps the whole day.
        using var chosen = await site.Get("/select?view=punctuality&month=2025-02&hour=all&day=saturday&ds=ATB&line=");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/2025/2/all/punctuality/ATB?day=saturday", chosen.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Htmx_gets_the_view_alone_and_the_csv_holds_the_table_s_rows()
    {
        var site = await data.Hand();
        var url = Url(PageHour) + "?sort=observed&dir=desc";

        var fragment = await Views.Fragment(site, url);
        var csv = await Views.Csv(site, fragment.QuerySelector("#view a[download], a[download]")!.GetAttribute("href")!);

        var names = Html.Table(fragment).Rows.Select(r => r[0]).ToList();
        Assert.Equal("stop_id,name,lat,lon,planned,cancelled,observed,unknown,early,on_time,late,very_late,on_time_share,cancelled_share,median_delay,p90_delay",
            string.Join(',', csv[0]));
        Assert.Equal(names, csv.Skip(1).Select(r => r[1]));
        var torget = csv.Single(r => r[0] == Torget.Id);
        Assert.Equal("0.8451", torget[12]);
        Assert.Equal("0.0405", torget[13]);
        Assert.Equal("88", torget[14]);
    }

    [Fact]
    public async Task The_header_links_the_newest_month_s_punctuality_map()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk(Url(PageHour)));
        using var redirect = await site.Get("/punctuality");

        Assert.Contains(page.QuerySelectorAll("header nav a"), a => a.GetAttribute("href") == "/punctuality" && Html.Text(a) == "Punctuality");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal($"/2025/2/15/punctuality", redirect.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/select?view=punctuality&month=2025-02&hour=15&ds=&line=", "/2025/2/15/punctuality")]
    [InlineData("/select?view=punctuality&month=2025-01&hour=8&ds=ATB&line=ATB:Line:3&day=sunday", "/2025/1/8/punctuality/ATB/ATB:Line:3?day=sunday")]
    // Another operator chosen under a line: its whole network.
    [InlineData("/select?view=punctuality&month=2025-02&hour=all&ds=RUT&line=ATB:Line:3", "/2025/2/all/punctuality/RUT")]
    public async Task The_selector_form_redirects_to_the_view_s_own_address(string url, string expected)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/2025/2/24/punctuality", "not an hour of the day")]
    [InlineData("/2025/2/al/punctuality", "not an hour of the day")]
    [InlineData("/2025/3/15/punctuality", "no statistics for March 2025")]
    [InlineData("/2025/2/15/punctuality/XYZ", "no operator")]
    [InlineData("/2025/2/15/punctuality/ATB/ATB:Line:999", "has no line")]
    [InlineData("/2025/2/15/punctuality?day=x", "no day type")]
    public async Task Bad_addresses_are_a_404_that_says_why(string url, string problem)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(problem, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        NoStackTrace.In(body);
    }

    [Fact]
    public void Shares_in_the_csv_are_the_api_s_fractions()
    {
        Assert.Equal(Shares.Csv(60.0 / 71), Kollektivkart.Web.Api.PunctualityColumns.Share(60.0 / 71)!.Value.ToString(CultureInfo.InvariantCulture));
    }
}
