using System.Net;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages;

/// <summary>
/// Every route on a small real pond (demo data through the real transforms): each answers, and each
/// view shows what the API gives for it. Hours and lines are picked from the API, not assumed.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DemoPondTests(SiteData data)
{
    [Fact]
    public async Task The_front_page_opens_the_newest_hot_spots()
    {
        var site = await data.Demo();

        using var response = await site.Get("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/2025/2/15/hot-spots", response.Headers.Location?.OriginalString);
        var page = await Views.FullPage(site, "/2025/2/15/hot-spots");
        var api = ApiFrame.Parse(await site.GetOk("/api/hot-spots/2025/2/15"), ApiFrame.LegStatFields);
        Assert.Equal(api.Count, Html.RowsOrNone(page).Count);
    }

    [Fact]
    public async Task Hot_spots_of_each_month_show_the_api_rows()
    {
        var site = await data.Demo();

        foreach (var month in new[] { 1, 2 })
        {
            var (hour, api) = await Busiest(site, h => $"/api/hot-spots/2025/{month}/{h}", ApiFrame.LegStatFields);
            var page = await Views.FullPage(site, $"/2025/{month}/{hour}/hot-spots");
            Views.SameRows(Html.Table(page), api);
            await Views.SameMarkers(site, page, api);
            Views.SameCsv(await Views.Csv(site, $"/2025/{month}/{hour}/hot-spots?handler=csv"), api);
            Views.SameRows(Html.Table(await Views.Fragment(site, $"/2025/{month}/{hour}/hot-spots")), api);
        }
    }

    [Fact]
    public async Task Legs_of_every_operator_and_line_show_the_api_rows()
    {
        var site = await data.Demo();
        using var names = JsonDocument.Parse(await site.GetOk("/api/datasource-names"));
        var operators = names.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(operators);

        var linesWithRows = 0;
        var operatorsWithRows = 0;
        foreach (var ds in operators)
        {
            var (hour, api) = await Busiest(site, h => $"/api/leg-stats/2025/2/{h}/{ds}", ApiFrame.LegStatFields, requireRows: false);
            var page = await Views.FullPage(site, $"/2025/2/{hour}/legs/{ds}");
            Assert.Equal(api.Count, Html.RowsOrNone(page).Count);
            if (api.Count > 0)
            {
                Views.SameRows(Html.Table(page), api);
                operatorsWithRows++;
            }
            using var lines = JsonDocument.Parse(await site.GetOk($"/api/lines/{ds}"));
            foreach (var line in lines.RootElement.EnumerateArray().Select(l => l.GetProperty("line_ref").GetString()!))
            {
                var lineApi = ApiFrame.Parse(await site.GetOk($"/api/leg-stats/2025/2/{hour}/{ds}?line_ref={line}"), ApiFrame.LegStatFields);
                var linePage = await Views.FullPage(site, $"/2025/2/{hour}/legs/{ds}/{line}");
                Assert.Equal(lineApi.Count, Html.RowsOrNone(linePage).Count);
                linesWithRows += lineApi.Count > 0 ? 1 : 0;
            }
        }
        Assert.True(operatorsWithRows > 0, "no operator of the demo data has statistics in February");
        Assert.True(linesWithRows > 0, "no line of the demo data has statistics");
    }

    [Fact]
    public async Task Comparison_of_the_two_months_shows_the_api_rows()
    {
        var site = await data.Demo();

        var (hour, api) = await Busiest(site, h => $"/api/comparison/2025/2/2025/1/{h}?&", ApiFrame.ComparisonFields);

        var page = await Views.FullPage(site, $"/2025/2/{hour}/comparison/2025/1");
        Views.SameRows(Html.Table(page), api);
        await Views.SameMarkers(site, page, api);
        Views.SameCsv(await Views.Csv(site, $"/2025/2/{hour}/comparison/2025/1?handler=csv"), api);
        var ds = api.String("data_source", 0);
        var one = ApiFrame.Parse(await site.GetOk($"/api/comparison/2025/2/2025/1/{hour}?&data_source={ds}"), ApiFrame.ComparisonFields).WorstFirst();
        Views.SameRows(Html.Table(await Views.Fragment(site, $"/2025/2/{hour}/comparison/2025/1/{ds}")), one);
    }

    [Theory]
    [InlineData("/legs")]
    [InlineData("/comparison")]
    [InlineData("/about")]
    public async Task Short_addresses_lead_to_pages_that_answer(string url)
    {
        var site = await data.Demo();

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await site.GetOk(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Status_stats_and_partitions_describe_the_demo_data()
    {
        var site = await data.Demo();

        using var status = JsonDocument.Parse(await site.GetOk("/status?format=json"));
        using var stats = JsonDocument.Parse(await site.GetOk("/api/stats"));
        using var partitions = JsonDocument.Parse(await site.GetOk("/api/partitions"));

        var last = SiteData.DemoFrom.AddDays(SiteData.DemoDays - 1);
        Assert.Equal(last.ToString("O"), status.RootElement.GetProperty("data_date").GetString());
        Assert.Equal(SiteData.DemoToday.DayNumber - last.DayNumber, status.RootElement.GetProperty("age_days").GetInt32());
        Assert.Equal(SiteData.DemoFrom.ToString("O"), stats.RootElement.GetProperty("date_range").GetProperty("start").GetString());
        Assert.True(stats.RootElement.GetProperty("arrivals_count").GetInt64() > stats.RootElement.GetProperty("leg_count").GetInt64());
        Assert.True(stats.RootElement.GetProperty("aggregated_count").GetInt64() > 0);
        Assert.Equal([(2025, 1), (2025, 2)],
            partitions.RootElement.EnumerateArray().Select(p => (p.GetProperty("year").GetInt32(), p.GetProperty("month").GetInt32())));
        var about = Html.Parse(await site.GetOk("/2025/2/15/about"));
        Assert.Contains("January 2025, February 2025", Html.Text(about.QuerySelector("main")!), StringComparison.Ordinal);
    }

    /// <summary>The hour with the most rows at <paramref name="url"/>; the demo data has rush hours, so some hour has rows.</summary>
    private static async Task<(int Hour, ApiFrame Api)> Busiest(
        Site site, Func<int, string> url, IReadOnlyList<string> fields, bool requireRows = true)
    {
        var frames = new List<(int Hour, ApiFrame Api)>();
        foreach (var hour in Enumerable.Range(0, 24))
        {
            frames.Add((hour, ApiFrame.Parse(await site.GetOk(url(hour)), fields).WorstFirst()));
        }
        var busiest = frames.MaxBy(f => f.Api.Count);
        Assert.True(busiest.Api.Count > 0 || !requireRows, $"no hour has rows at {url(0)}");
        return busiest;
    }
}
