using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Stops;

/// <summary>
/// A stop page's punctuality section (data-model.md section 9) on the hand-built stats.db: Torget's lines at the page's hour
/// and over the whole day (line 11 below 20 observed at 15:00), on weekdays and Saturdays, and Torget's on-time share by
/// hour with the three day types side by side; each table's CSV.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StopPunctualityTests(SiteData data)
{
    private static readonly string February15 = $"/stops/{Torget.Id}?month=2025-02&hour={PageHour}";

    private static readonly string DashText = $"{Shares.Dash} (fewer than {PunctualityFigures.MinObserved} observed departures)";

    /// <summary>The fixture's lines at Torget that day type and hour (null: the whole day), in line-list order (3 before 11).</summary>
    private static List<PunctualityRow> Lines(DayType dayType, int? hour) =>
        All.Where(r => r.Grain == "stop_line" && r.Stop == Torget && r.Month == February && r.DayType == dayType && r.Hour == hour)
            .OrderBy(r => int.Parse(r.LineRef![(r.LineRef!.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static string Shown(string? figure) =>
        figure is null ? DashText : string.Join(' ', figure.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A line's row as the page should show it: line, on time, early, late, very late, cancelled, median, observed.</summary>
    private static string[] Cells(PunctualityRow row)
    {
        var f = row.Figures;
        return
        [
            $"{row.DataSource} {row.LineRef![(row.LineRef!.LastIndexOf(':') + 1)..]}", Shown(Shares.Percent(f.OnTimeShare)), Shown(Shares.Percent(f.EarlyShare)),
            Shown(Shares.Percent(f.LateShare)), Shown(Shares.Percent(f.VeryLateShare)), Shown(Shares.Percent(f.CancelledShare)),
            Shown(Shares.Delay(f.ShownMedianDelay)), f.Observed.ToString("N0"),
        ];
    }

    private static IElement? LineTable(IParentNode page, string key) => page.QuerySelector($"table.stop-lines[data-lines={key}]");

    [Theory]
    [InlineData("weekday")]
    [InlineData("saturday")]
    public async Task The_line_tables_show_each_line_at_the_hour_and_over_the_whole_day(string day)
    {
        var site = await data.Hand();
        DayTypes.TryParse(day, out var dayType);

        var page = await Views.FullPage(site, $"{February15}&day={day}");

        var label = dayType.Label().ToLowerInvariant();
        foreach (var (key, hour, caption) in new[] { ("hour", (int?)PageHour, "15:00\u201315:59"), ("day", null, "the whole day") })
        {
            var table = LineTable(page, key);
            Assert.NotNull(table);
            Assert.Equal($"Lines at Torget, {caption}, {label} in February 2025", Html.Text(table.QuerySelector("caption")!));
            var expected = Lines(dayType, hour);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(Cells), PageParts.Rows(table));
        }
    }

    [Fact]
    public async Task Line_11_has_too_few_departures_at_15_and_shows_dashes_with_the_reason()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var table = LineTable(page, "hour")!;
        var row = Assert.Single(table.QuerySelectorAll("tbody tr"), tr => Html.Text(tr.Children[0]) == "ATB 11");
        Assert.Equal(6, row.QuerySelectorAll("span.dash").Length);
        Assert.Equal($"{TooFew.Observed}", Html.Text(row.Children[7]));
        Assert.Equal(Shares.DashReason, Html.Text(table.ParentElement!.NextElementSibling!));
        // Over the whole day it has enough: no dash, no note.
        var day = LineTable(page, "day")!;
        Assert.Empty(day.QuerySelectorAll("span.dash"));
        Assert.False(day.ParentElement!.NextElementSibling is { } next && next.ClassList.Contains("dash-note"));
    }

    [Fact]
    public async Task Each_line_links_to_its_line_page_in_the_same_month_hour_and_day_type()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15 + "&day=saturday");

        var links = LineTable(page, "hour")!.QuerySelectorAll("tbody th a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal([$"/lines/ATB/{Line3}?month=2025-02&hour={PageHour}&day=saturday"], links);
        await PageParts.AllAnswer(site, links);
    }

    [Fact]
    public async Task The_by_hour_chart_has_the_on_time_share_of_the_three_day_types_and_its_table_the_same()
    {
        var site = await data.Hand();

        var page = await Views.FullPage(site, February15);

        var stop = All.Where(r => r.Grain == "stop" && r.Stop == Torget && r.Month == February).ToList();
        var hours = stop.Where(r => r.Hour is not null).Select(r => r.Hour!.Value).Distinct().Order().ToList();
        Assert.Contains(OtherPageHour, hours);
        Assert.Contains(PageHour, hours);
        double? Percent(DayType dayType, int? hour) =>
            stop.SingleOrDefault(r => r.DayType == dayType && r.Hour == hour)?.Figures.OnTimeShare is { } share ? Math.Round(share * 100, 1) : null;
        using var chart = PageParts.Chart(page, "chart-punctuality-hours");
        Assert.Equal(hours.Select(h => $"{h:00}"), PageParts.Labels(chart));
        Assert.Equal(DayTypes.All.Select(d => $"{d.Label()}: on time"),
            chart.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("label").GetString()));
        foreach (var (i, dayType) in DayTypes.All.Index())
        {
            Assert.Equal(hours.Select(h => Percent(dayType, h)), PageParts.Series(chart, i));
        }
        // Saturdays and Sundays have no 09:00 row: a gap, not 0 %.
        Assert.Null(PageParts.Series(chart, 1)[hours.IndexOf(OtherPageHour)]);

        var table = PageParts.TableCaptioned(page, "Departures on time from Torget by hour");
        Assert.NotNull(table);
        Assert.Equal(
            hours.Select(h => (int?)h).Prepend(null).Select(h => new[] { h is { } x ? $"{x:00}:00\u2013{x:00}:59" : "The whole day" }
                .Concat(DayTypes.All.Select(d => Shown(Shares.Percent(stop.SingleOrDefault(r => r.DayType == d && r.Hour == h)?.Figures.OnTimeShare))))),
            PageParts.Rows(table));
    }

    [Fact]
    public async Task Each_table_has_its_csv_with_the_rows_it_shows()
    {
        var site = await data.Hand();
        var url = February15 + "&day=saturday";

        var page = await Views.FullPage(site, url);

        var links = page.QuerySelectorAll("#view section.punctuality p.downloads a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal([$"{url}&handler=linescsv", $"{url}&handler=linesdaycsv", $"{url}&handler=hourscsv"], links);
        foreach (var (link, hour) in new[] { (links[0], (int?)PageHour), (links[1], null) })
        {
            var csv = await Views.Csv(site, link);
            var expected = Lines(DayType.Saturday, hour);
            Assert.Equal(expected.Select(r => new[] { Torget.Id, r.DataSource!, r.LineRef!, "2025-02", "saturday", hour is { } h ? $"{h}" : "" }.Concat(Measures(r.Figures))),
                csv.Skip(1).Select(c => Pick(csv[0], c, "stop_id", "data_source", "line_ref", "month", "day_type", "hour").Concat(Pick(csv[0], c, MeasureNames))));
        }
        var hours = await Views.Csv(site, links[2]);
        var stop = All.Where(r => r.Grain == "stop" && r.Stop == Torget && r.Month == February)
            .OrderBy(r => r.DayType.Name(), StringComparer.Ordinal).ThenBy(r => r.Hour ?? -1).ToList();
        Assert.Equal(stop.Select(r => new[] { r.DayType.Name(), r.Hour is { } h ? $"{h}" : "" }.Concat(Measures(r.Figures))),
            hours.Skip(1).Select(c => Pick(hours[0], c, "day_type", "hour").Concat(Pick(hours[0], c, MeasureNames))));
    }

    [Fact]
    public async Task Below_20_observed_the_csv_leaves_the_shares_empty()
    {
        var site = await data.Hand();

        var csv = await Views.Csv(site, February15 + "&handler=linescsv");

        var line11 = csv.Single(c => c.Contains(Line11));
        Assert.Equal(["12", "", "", "", ""], Pick(csv[0], line11, "observed", "on_time_share", "cancelled_share", "median_delay", "p90_delay"));
    }

    [Fact]
    public async Task Htmx_gets_the_section_with_the_view()
    {
        var site = await data.Hand();

        var fragment = await Views.Fragment(site, February15 + "&day=saturday");
        var full = await Views.FullPage(site, February15 + "&day=saturday");

        Assert.Equal(PageParts.Rows(LineTable(full, "hour")!), PageParts.Rows(LineTable(fragment, "hour")!));
        Assert.Equal(Lines(DayType.Saturday, PageHour).Select(Cells), PageParts.Rows(LineTable(fragment, "hour")!));
    }

    [Theory]
    [InlineData("/stops/NSR:StopPlace:23?handler=linescsv&hour=24", 404, "\u201c24\u201d is not an hour of the day")]
    [InlineData("/stops/NSR:StopPlace:23?handler=linesdaycsv&day=x", 404, "There is no day type \u201cx\u201d")]
    [InlineData("/stops/NSR:StopPlace:23?handler=hourscsv&month=2025-03", 404, "There are no statistics for month \u201c2025-03\u201d")]
    [InlineData("/stops/NSR:StopPlace:999?handler=linescsv", 404, "There is no stop place \u201cNSR:StopPlace:999\u201d")]
    public async Task A_bad_address_gets_a_page_that_says_what_was_wrong(string url, int status, string sentence)
    {
        var site = await data.Hand();

        await PageParts.ErrorPage(site, url, status, sentence);
    }

    [Fact]
    public async Task On_the_demo_pond_a_stops_line_tables_hold_the_lines_punctuality_queries_give()
    {
        var site = await data.Demo();
        using var database = StatsDatabase.Open(Path.Combine(data.DemoPond, Kollektivkart.Data.Pond.PondLayout.StatsDb));
        // The stop with the most observed departures at 15:00 on February weekdays that has a stop page.
        var stop = PunctualityQueries.Stops(database, February, DayType.Weekday, PageHour)
            .Where(s => StopQueries.Find(database, s.StopId) is not null)
            .MaxBy(s => s.Figures.Observed);
        Assert.NotNull(stop);

        var page = await Views.FullPage(site, $"/stops/{stop.StopId}?month=2025-02&hour={PageHour}");

        foreach (var (key, hour, handler) in new[] { ("hour", (int?)PageHour, "linescsv"), ("day", null, "linesdaycsv") })
        {
            var expected = PunctualityQueries.StopLines(database, stop.StopId, February, DayType.Weekday, hour);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Count, LineTable(page, key)!.QuerySelectorAll("tbody tr").Length);
            var csv = await Views.Csv(site, $"/stops/{stop.StopId}?month=2025-02&hour={PageHour}&handler={handler}");
            Assert.Equal(
                expected.Select(l => new[] { l.DataSource, l.LineRef }.Concat(Measures(l.Figures)).ToArray()).OrderBy(r => r[0] + " " + r[1], StringComparer.Ordinal),
                csv.Skip(1).Select(c => Pick(csv[0], c, "data_source", "line_ref").Concat(Pick(csv[0], c, MeasureNames)).ToArray()).OrderBy(r => r[0] + " " + r[1], StringComparer.Ordinal));
        }
        await PageParts.AllAnswer(site, page.QuerySelectorAll("#view table.stop-lines a").Select(a => a.GetAttribute("href")!));
    }

    private static readonly string[] MeasureNames =
        ["planned", "cancelled", "observed", "unknown", "early", "on_time", "late", "very_late", "on_time_share", "cancelled_share", "median_delay", "p90_delay"];

    private static string[] Measures(PunctualityFigures f) =>
    [
        $"{f.Planned}", $"{f.Cancelled}", $"{f.Observed}", $"{f.Unknown}", $"{f.Early}", $"{f.OnTime}", $"{f.Late}", $"{f.VeryLate}",
        Shares.Csv(f.OnTimeShare), Shares.Csv(f.CancelledShare), $"{f.ShownMedianDelay}", $"{f.ShownP90Delay}",
    ];

    private static string[] Pick(string[] header, string[] record, params string[] names) => [.. names.Select(n => record[Array.IndexOf(header, n)])];
}
