using System.Net;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>changes: a row per regressed or improved hour of a stretch, ranked by the stretch's impact (data-model.md section 7).</summary>
[Collection(SiteCollection.Name)]
public sealed class ChangesApiTests(SiteData data)
{
    [Fact]
    public async Task Each_changed_hour_has_its_kind_delta_impact_and_both_months_figures()
    {
        var site = await data.Hand();

        var frame = ApiFrame.Parse(await site.GetOk("/api/changes/2025/2?day_type=saturday"), ApiFrame.ChangeFields);

        Assert.Equal([(Sierra.Name, Tango.Name, "SKY"), (Sierra.Name, Tango.Name, "SKY"), (Alfa.Name, Bravo.Name, "RUT")], frame.Stretches());
        Assert.Equal(["improved", "improved", "regressed"], frame.Strings("kind"));
        Assert.Equal([7, 9, 8], frame.Numbers("hour"));
        Assert.Equal([-40, -50, 80], frame.Numbers("delta_seconds"));
        Assert.Equal([1200, 2000, 1920], frame.Numbers("impact"));
        Assert.Equal([3200, 3200, 1920], frame.Numbers("stretch_impact"));
        Assert.Equal([260, 250, 330], frame.Numbers("hourly_duration"));
        Assert.Equal([300, 290, 420], frame.Numbers("hourly_quartile"));
        Assert.Equal([30, 40, 24], frame.Numbers("hourly_count"));
        Assert.Equal([300, 300, 250], frame.Numbers("baseline_hourly_duration"));
        Assert.Equal([340, 340, 300], frame.Numbers("baseline_hourly_quartile"));
        Assert.Equal([25, 25, 23], frame.Numbers("baseline_hourly_count"));
        Assert.Equal([Sierra.Id, Sierra.Id, Alfa.Id], frame.Strings("from_stop_id"));
        Assert.Equal(Leg(February, "RUT", Alfa, Bravo).Lat, frame.Number("lat", 2), 9);
    }

    [Theory]
    [InlineData("?day_type=saturday&data_source=RUT", new[] { "Alfa" })]
    [InlineData("?day_type=saturday&data_source=SKY", new[] { "Sierra", "Sierra" })]
    [InlineData("?day_type=saturday&data_source=RUT&line_ref=RUT:Line:5", new string[0])]
    [InlineData("?day_type=sunday", new[] { "Alfa" })]
    [InlineData("?data_source=SKY", new[] { "Sierra" })]
    [InlineData("?data_source=SKY&baseline=2025-01", new[] { "Sierra" })]
    public async Task An_operator_a_line_and_a_day_type_narrow_the_changes(string query, string[] from)
    {
        var site = await data.Hand();

        var frame = ApiFrame.Parse(await site.GetOk("/api/changes/2025/2" + query), ApiFrame.ChangeFields);

        Assert.Equal(from, frame.Strings("from_stop"));
    }

    [Fact]
    public async Task All_operators_on_weekdays_rank_every_changed_stretch()
    {
        var site = await data.Hand();

        var frame = ApiFrame.Parse(await site.GetOk("/api/changes/2025/2"), ApiFrame.ChangeFields);

        // The comparison rows at 04 that slowed 30 s or more (170 of every 200, 70 of the last 100) and Sierra to Tango.
        Assert.Equal(1771, frame.Count);
        Assert.All(frame.Strings("kind"), k => Assert.Equal("regressed", k));
        var impacts = frame.Numbers("stretch_impact").ToList();
        Assert.Equal(impacts.OrderByDescending(i => i), impacts);
        Assert.Equal(199 * 25, impacts[0]);
        Assert.Equal(115 * 22, frame.Number("impact", frame.RowOf("SKY", Sierra.Id, Tango.Id)));
    }

    [Theory]
    [InlineData("/api/changes/2025/1", "There are no statistics for December 2024 to measure January 2025 against.")]
    [InlineData("/api/changes/2025/2?baseline=2025-02", "The baseline February 2025 is not before February 2025")]
    [InlineData("/api/changes/2025/1?baseline=2025-02", "The baseline February 2025 is not before January 2025")]
    [InlineData("/api/changes/2025/2?baseline=2024-11", "There are no statistics for November 2024 to measure February 2025 against.")]
    [InlineData("/api/changes/2025/2?baseline=last", "\u201clast\u201d is not a baseline month: use a year and month such as 2025-01.")]
    [InlineData("/api/changes/2025/3", "There are no statistics for March 2025.")]
    [InlineData("/api/changes/2025/2?data_source=XYZ", "There is no operator \u201cXYZ\u201d")]
    [InlineData("/api/changes/2025/2?data_source=SKY&line_ref=RUT:Line:31", "Operator SKY has no line")]
    [InlineData("/api/changes/2025/2?day_type=holiday", "There is no day type \u201choliday\u201d")]
    public async Task What_cannot_be_answered_is_a_404_saying_why(string url, string error)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(error, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
