using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.About;

/// <summary>The about page says punctuality's rules in plain words (data-model.md section 9) and documents its API.</summary>
[Collection(SiteCollection.Name)]
public sealed class PunctualityAboutTests(SiteData data)
{
    [Fact]
    public async Task The_rules_are_said_in_plain_words()
    {
        var site = await data.Hand();

        var text = Html.Text(Html.Parse(await site.GetOk("/2025/2/8/about")).QuerySelector("main")!);

        Assert.Contains("on time (from 1 minute early to 3 minutes late)", text, StringComparison.Ordinal);
        Assert.Contains("early (more than 1 minute early)", text, StringComparison.Ordinal);
        Assert.Contains("late (more than 3 and up to 5 minutes late)", text, StringComparison.Ordinal);
        Assert.Contains("very late (more than 5 minutes late)", text, StringComparison.Ordinal);
        Assert.Contains("Cancelled: its journey was cancelled, or the stop was cancelled on that journey", text, StringComparison.Ordinal);
        Assert.Contains("estimated rather than recorded, no time was recorded, or it is two hours or more off the timetable", text, StringComparison.Ordinal);
        Assert.Contains("Unknown departures are left out of the shares", text, StringComparison.Ordinal);
        Assert.Contains("within 3:59 and within 5:59", text, StringComparison.Ordinal);
        Assert.Contains("day type and hour are those of the timetable", text, StringComparison.Ordinal);
        Assert.Contains("at least 20 departures were observed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_punctuality_api_is_documented_with_its_parameters_and_columns()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk("/2025/2/8/about"));

        var code = page.QuerySelectorAll("main code").Select(c => c.TextContent).ToHashSet();
        string[] documented =
        [
            "/api/punctuality/{year}/{month}", "data_source=ATB", "line_ref=ATB:Line:3", "day_type", "hour",
            "planned", "cancelled", "observed", "unknown", "early", "on_time", "late", "very_late", "on_time_share", "cancelled_share",
            "median_delay", "p90_delay", "final_observed", "arrived_within_3_59", "arrived_within_5_59", "journeys_cancelled", "null",
        ];
        Assert.All(documented, d => Assert.Contains(d, code));
        Assert.Contains(code, c => c.StartsWith("stop_id=", StringComparison.Ordinal));
    }
}
