using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>hot-spots and leg-stats: data-model.md section 5 on the hand-built stats.db.</summary>
[Collection(SiteCollection.Name)]
public sealed class LegStatsApiTests(SiteData data)
{
    private static IEnumerable<LegStat> February8 => Legs.Where(l => l.Month == February && l.Hour == Hour);

    /// <summary>
    /// The original's order (design.md, API compatibility): rush intensity ascending, so map clients draw the worst last;
    /// ties by excess (hourly quartile - monthly duration) ascending, then operator and stop ids descending.
    /// </summary>
    private static IEnumerable<LegStat> DrawOrder(IEnumerable<LegStat> legs) => legs
        .OrderBy(l => l.RushIntensity)
        .ThenBy(l => l.HourlyQuartile - l.MonthlyDuration)
        .ThenByDescending(l => l.DataSource, StringComparer.Ordinal)
        .ThenByDescending(l => l.From.Id, StringComparer.Ordinal)
        .ThenByDescending(l => l.To.Id, StringComparer.Ordinal);

    [Fact]
    public async Task Hot_spots_give_rush_intensity_and_the_marker_position_of_every_stretch()
    {
        var site = await data.Hand();
        var frame = ApiFrame.Parse(await site.GetOk("/api/hot-spots/2025/2/8"), ApiFrame.LegStatFields);

        var expected = DrawOrder(February8).ToList();
        Assert.Equal(expected.Select(l => (l.From.Name, l.To.Name, l.DataSource)), frame.Stretches());
        foreach (var leg in expected)
        {
            var row = frame.RowOf(leg.DataSource, leg.From.Id, leg.To.Id);
            Assert.Equal(leg.RushIntensity, frame.Number("rush_intensity", row));
            Assert.Equal(leg.Lat, frame.Number("lat", row), 9);
            Assert.Equal(leg.Lon, frame.Number("lon", row), 9);
            Assert.Equal($"{leg.From.Name} to {leg.To.Name}", frame.String("name", row));
            Assert.Equal(leg.HourlyQuartile, frame.Number("hourly_quartile", row));
            Assert.Equal(leg.HourlyDuration, frame.Number("hourly_duration", row));
            Assert.Equal(leg.MonthlyDuration, frame.Number("monthly_duration", row));
            Assert.Equal(leg.MeanHourlyDuration, frame.Number("mean_hourly_duration", row));
            Assert.Equal(leg.MeanMonthlyDuration, frame.Number("mean_monthly_duration", row));
            Assert.Equal(leg.HourlyCount, frame.Number("hourly_count", row));
            Assert.Equal(leg.MonthlyCount, frame.Number("monthly_count", row));
            Assert.Equal(leg.HourlyDelay, frame.Number("hourly_delay", row));
            Assert.Equal(leg.HourlyDeviation, frame.Number("hourly_deviation", row));
            Assert.Equal(leg.AirDistanceMeters, frame.Number("air_distance_meters", row));
        }
        // The two numbers the rule turns on, spelled out: 300/200 and 291/210 rounded to one decimal; the worst last.
        Assert.Equal([1.0, 1.4, 1.5, 2.5], frame.Numbers("rush_intensity"));
    }

    [Fact]
    public async Task Hot_spots_are_the_1000_highest_rush_intensities_of_all_operators()
    {
        var site = await data.Hand();
        var frame = ApiFrame.Parse(await site.GetOk($"/api/hot-spots/2025/2/{HotSpotHour}"), ApiFrame.LegStatFields);

        Assert.Equal(1000, frame.Count);
        var rush = frame.Numbers("rush_intensity").ToList();
        Assert.Equal(rush.Order(), rush);
        // Stretch i has hourly quartile 200 + i over a monthly duration of 200: rush intensity never falls as i grows and
        // the excess (i) breaks its ties. Stretches 0-4 are the least intense, left out; the rest come mildest first.
        Assert.Equal(Enumerable.Range(5, 1000).Select(i => $"TEST:Hot:{i}"), frame.Strings("from_stop_id"));
        Assert.Equal("TEST:Hot:1004", frame.String("from_stop_id", frame.Count - 1));
    }

    [Fact]
    public async Task Legs_are_every_stretch_of_the_operator_without_a_limit()
    {
        var site = await data.Hand();

        var ruter = ApiFrame.Parse(await site.GetOk("/api/leg-stats/2025/2/8/RUT"), ApiFrame.LegStatFields);
        Assert.Equal(
            DrawOrder(February8.Where(l => l.DataSource == "RUT")).Select(l => (l.From.Name, l.To.Name, "RUT")),
            ruter.Stretches());

        var skyss = ApiFrame.Parse(await site.GetOk("/api/leg-stats/2025/2/8/SKY"), ApiFrame.LegStatFields);
        Assert.Equal([(Sierra.Name, Tango.Name, "SKY")], skyss.Stretches());

        var many = ApiFrame.Parse(await site.GetOk($"/api/leg-stats/2025/2/{HotSpotHour}/RUT"), ApiFrame.LegStatFields);
        Assert.Equal(HotSpotCandidates, many.Count);
        Assert.Equal(Enumerable.Range(0, HotSpotCandidates).Select(i => $"TEST:Hot:{i}"), many.Strings("from_stop_id"));
    }

    [Theory]
    [InlineData("RUT:Line:31", new[] { "Bravo", "Alfa" })] // rush intensity 1.4, then 1.5
    [InlineData("RUT:Line:100", new[] { "Alfa" })]
    [InlineData("RUT:Line:FB", new[] { "Bravo" })]
    [InlineData("RUT:Line:5", new[] { "Charlie" })]
    public async Task Legs_of_a_line_are_its_stretches_in_stop_line(string line, string[] fromStops)
    {
        var site = await data.Hand();

        // The original's clients send the colons unencoded.
        var frame = ApiFrame.Parse(await site.GetOk($"/api/leg-stats/2025/2/8/RUT?line_ref={line}"), ApiFrame.LegStatFields);

        Assert.Equal(fromStops, frame.Strings("from_stop"));
        Assert.All(frame.Strings("data_source"), ds => Assert.Equal("RUT", ds));
    }
}
