using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;
using Stop = Kollektivkart.Web.Tests.Support.Stop;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>
/// punctuality: one row per operator, line, stop of a line or line at a stop (data-model.md section 9), an array per
/// column; the figures of the hand-built stats.db's rows, shares as fractions with 4 decimals, null below 20 observed.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PunctualityApiTests(SiteData data)
{
    private static readonly string[] Measures =
        ["planned", "cancelled", "observed", "unknown", "early", "on_time", "late", "very_late", "on_time_share", "cancelled_share", "median_delay", "p90_delay"];

    private static readonly string[] Finals = ["final_observed", "arrived_within_3_59", "arrived_within_5_59", "journeys_cancelled"];

    /// <summary>The frame as its columns' names and each column's values (null kept), checked to be one length.</summary>
    private static async Task<(List<string> Names, Dictionary<string, JsonElement[]> Columns)> Frame(Site site, string url)
    {
        using var json = JsonDocument.Parse(await site.GetOk(url));
        var columns = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.Clone()).ToArray());
        Assert.Single(columns.Values.Select(c => c.Length).Distinct());
        return (json.RootElement.EnumerateObject().Select(p => p.Name).ToList(), columns);
    }

    /// <summary>What a row of the fixture gives in the frame, measure by measure: counts, shares rounded to 4 decimals, nulls below 20 observed.</summary>
    private static void SameFigures(Dictionary<string, JsonElement[]> columns, int row, PunctualityFigures f, FinalArrivals? final = null)
    {
        object? Value(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
        var expected = new object?[]
        {
            (double)f.Planned, (double)f.Cancelled, (double)f.Observed, (double)f.Unknown, (double)f.Early, (double)f.OnTime, (double)f.Late,
            (double)f.VeryLate,
            f.Observed < 20 ? null : Math.Round((double)f.OnTime / f.Observed, 4),
            f.Observed < 20 ? null : Math.Round((double)f.Cancelled / (f.Observed + f.Cancelled), 4),
            f.Observed < 20 ? null : (double?)f.MedianDelay,
            f.Observed < 20 ? null : (double?)f.P90Delay,
        };
        Assert.Equal(expected, Measures.Select(m => Value(columns[m][row])));
        if (final is not null)
        {
            Assert.Equal([final.Observed, final.Within3Minutes59, final.Within5Minutes59, final.JourneysCancelled],
                Finals.Select(m => columns[m][row].GetInt32()));
        }
    }

    private static PunctualityRow Fixture(string grain, int? hour, string? dataSource = null, string? lineRef = null, Stop? stop = null,
        string? direction = null, DayType dayType = DayType.Weekday) =>
        All.Single(r => r.Grain == grain && r.Month == February && r.DayType == dayType && r.Hour == hour && r.DataSource == dataSource
            && r.LineRef == lineRef && r.Stop == stop && r.Direction == direction);

    [Fact]
    public async Task Without_a_filter_each_operator_has_a_row_for_the_whole_day_of_weekdays()
    {
        var site = await data.Hand();

        var (names, columns) = await Frame(site, "/api/punctuality/2025/2");

        Assert.Equal(["data_source", .. Measures, .. Finals], names);
        Assert.Equal(["ATB", "RUT", "SKY"], columns["data_source"].Select(e => e.GetString()));
        for (var i = 0; i < 3; i++)
        {
            var row = Fixture("operator", null, columns["data_source"][i].GetString());
            SameFigures(columns, i, row.Figures, row.Final);
        }
        // AtB: 800 of 950 on time, 20 of 970 cancelled; Skyss has 12 observed: no share, no delay.
        Assert.Equal(0.8421, columns["on_time_share"][0].GetDouble());
        Assert.Equal(0.0206, columns["cancelled_share"][0].GetDouble());
        Assert.Equal(JsonValueKind.Null, columns["on_time_share"][2].ValueKind);
        Assert.Equal(JsonValueKind.Null, columns["p90_delay"][2].ValueKind);
        Assert.Equal(await site.GetOk("/api/punctuality/2025/2?day_type=weekday"), await site.GetOk("/api/punctuality/2025/2"));
    }

    [Fact]
    public async Task An_hour_and_a_day_type_choose_their_rows()
    {
        var site = await data.Hand();

        var (_, hour) = await Frame(site, $"/api/punctuality/2025/2?hour={PageHour}");
        var (_, saturday) = await Frame(site, "/api/punctuality/2025/2?day_type=saturday");

        Assert.Equal(["ATB"], hour["data_source"].Select(e => e.GetString()));
        SameFigures(hour, 0, Fixture("operator", PageHour, "ATB").Figures, Fixture("operator", PageHour, "ATB").Final);
        var atbSaturday = Fixture("operator", null, "ATB", dayType: DayType.Saturday);
        SameFigures(saturday, 0, atbSaturday.Figures, atbSaturday.Final);
    }

    [Fact]
    public async Task An_operator_gives_a_row_per_line_with_its_final_arrivals()
    {
        var site = await data.Hand();

        var (names, columns) = await Frame(site, "/api/punctuality/2025/2?data_source=ATB");

        Assert.Equal(["data_source", "line_ref", .. Measures, .. Finals], names);
        var lines = All.Where(r => r.Grain == "line" && r.Month == February && r.DayType == DayType.Weekday && r.Hour is null && r.DataSource == "ATB")
            .Select(r => r.LineRef!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(lines, columns["line_ref"].Select(e => e.GetString()));
        foreach (var (i, line) in lines.Index())
        {
            SameFigures(columns, i, Fixture("line", null, "ATB", line).Figures, Fixture("line", null, "ATB", line).Final);
        }
    }

    [Fact]
    public async Task A_line_gives_a_row_per_direction_and_stop_in_route_order()
    {
        var site = await data.Hand();

        var (names, columns) = await Frame(site, $"/api/punctuality/2025/2?data_source=ATB&line_ref={Line3}&hour={PageHour}");

        Assert.Equal(["data_source", "line_ref", "direction", "stop_id", .. Measures], names);
        Stop[] outbound = [Ila, PrinsensGate, Torget, Solsiden, Lade];
        Assert.Equal(
            new[] { ("Inbound", Ranheim.Id), ("Inbound", Torget.Id) }.Concat(outbound.Select(s => ("Outbound", s.Id))),
            Enumerable.Range(0, columns["stop_id"].Length).Select(i => (columns["direction"][i].GetString()!, columns["stop_id"][i].GetString()!)));
        Assert.All(columns["line_ref"], e => Assert.Equal(Line3, e.GetString()));
        Stop[] route = [Ranheim, Torget, .. outbound];
        for (var i = 0; i < columns["stop_id"].Length; i++)
        {
            var stop = route[i];
            SameFigures(columns, i, Fixture("stop_line_direction", PageHour, "ATB", Line3, stop, columns["direction"][i].GetString()).Figures);
        }
        // The worked example: 21 of 25 on time, 2 of 27 cancelled.
        Assert.Equal(0.84, columns["on_time_share"][4].GetDouble());
        Assert.Equal(0.0741, columns["cancelled_share"][4].GetDouble());
        // Ila, 12 observed: its counts, no share.
        Assert.Equal(12, columns["observed"][2].GetInt32());
        Assert.Equal(JsonValueKind.Null, columns["on_time_share"][2].ValueKind);
        Assert.Equal(JsonValueKind.Null, columns["median_delay"][2].ValueKind);
    }

    [Fact]
    public async Task A_stop_gives_a_row_per_line_at_it()
    {
        var site = await data.Hand();

        var (names, columns) = await Frame(site, $"/api/punctuality/2025/2?stop_id={Torget.Id}&hour={PageHour}");
        var (_, saturday) = await Frame(site, $"/api/punctuality/2025/2?stop_id={Torget.Id}&day_type=saturday");

        Assert.Equal(["stop_id", "data_source", "line_ref", .. Measures], names);
        Assert.Equal([Line11, Line3], columns["line_ref"].Select(e => e.GetString()));
        Assert.All(columns["stop_id"], e => Assert.Equal(Torget.Id, e.GetString()));
        SameFigures(columns, 0, TooFew);
        SameFigures(columns, 1, Fixture("stop_line", PageHour, "ATB", Line3, Torget).Figures);
        Assert.Equal([Line3], saturday["line_ref"].Select(e => e.GetString()));
        SameFigures(saturday, 0, Fixture("stop_line", null, "ATB", Line3, Torget, dayType: DayType.Saturday).Figures);
    }

    [Fact]
    public async Task Answers_allow_any_origin_and_are_cacheable()
    {
        var site = await data.Hand();

        using var response = await site.Get($"/api/punctuality/2025/2?data_source=ATB&line_ref={Line3}", ("Origin", "https://example.org"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("public, max-age=5400", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/punctuality/2025/2?day_type=x", "no day type")]
    [InlineData("/api/punctuality/2025/2?hour=24", "is not an hour of the day")]
    [InlineData("/api/punctuality/2025/2?hour=all", "is not an hour of the day")]
    [InlineData("/api/punctuality/2025/2?stop_id=NSR:StopPlace:23&data_source=ATB", "stop_id goes alone")]
    [InlineData("/api/punctuality/2025/2?line_ref=ATB:Line:3", "line_ref needs its data_source")]
    [InlineData("/api/punctuality/2025/2?data_source=XYZ", "no operator")]
    [InlineData("/api/punctuality/2025/2?data_source=ATB&line_ref=ATB:Line:999", "has no line")]
    [InlineData("/api/punctuality/2025/13", "is not a month")]
    [InlineData("/api/punctuality/2031/1", "no statistics for January 2031")]
    public async Task A_parameter_that_cannot_be_read_is_a_400_with_one_line_saying_why(string url, string problem)
    {
        var site = await data.Hand();

        using var response = await site.Get(url, ("Accept", "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\n', body);
        using var json = JsonDocument.Parse(body);
        Assert.Contains(problem, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        NoStackTrace.In(body);
    }
}
