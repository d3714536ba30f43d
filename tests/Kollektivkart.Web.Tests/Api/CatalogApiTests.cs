using System.Text.Json;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>stats, partitions, datasource-names and lines: what the original's selectors are filled from.</summary>
[Collection(SiteCollection.Name)]
public sealed class CatalogApiTests(SiteData data)
{
    [Fact]
    public async Task Lines_are_labelled_by_the_last_part_of_their_ref_and_ordered_by_its_number_then_label()
    {
        var site = await data.Hand();

        using var lines = JsonDocument.Parse(await site.GetOk("/api/lines/RUT"));

        var items = lines.RootElement.EnumerateArray().Select(e => (e.GetProperty("label").GetString(), e.GetProperty("line_ref").GetString())).ToList();
        Assert.Equal(
            [("5", "RUT:Line:5"), ("N5", "RUT:Line:N5"), ("31", "RUT:Line:31"), ("100", "RUT:Line:100"), ("FB", "RUT:Line:FB")],
            items);
        using var skyss = JsonDocument.Parse(await site.GetOk("/api/lines/SKY"));
        Assert.Equal(["SKY:Line:2"], skyss.RootElement.EnumerateArray().Select(e => e.GetProperty("line_ref").GetString()));
    }

    [Theory]
    [InlineData("2025-03-05", new[] { 1, 2 })]
    [InlineData("2025-03-07", new[] { 1, 2 })]
    [InlineData("2025-03-08", new[] { 1, 2, 3 })]
    public async Task Partitions_leave_out_a_month_that_started_less_than_7_days_ago(string today, int[] months)
    {
        var site = await data.Hand(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        using var partitions = JsonDocument.Parse(await site.GetOk("/api/partitions"));

        Assert.Equal(
            months.Select(m => (2025, m)),
            partitions.RootElement.EnumerateArray().Select(e => (e.GetProperty("year").GetInt32(), e.GetProperty("month").GetInt32())));
    }

    [Fact]
    public async Task Datasource_names_map_each_code_to_its_name()
    {
        var site = await data.Hand();

        using var names = JsonDocument.Parse(await site.GetOk("/api/datasource-names"));

        Assert.Equal(
            DataSourceNames.OrderBy(n => n.Key),
            names.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(n => n.Key));
    }

    [Fact]
    public async Task Stats_give_the_counts_and_the_operating_date_range()
    {
        var site = await data.Hand();

        using var stats = JsonDocument.Parse(await site.GetOk("/api/stats"));

        var root = stats.RootElement;
        Assert.Equal(["aggregated_count", "arrivals_count", "leg_count", "memory", "date_range"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(data.HandBuilt.LegStatsRows, root.GetProperty("aggregated_count").GetInt64());
        Assert.Equal(ArrivalsCount, root.GetProperty("arrivals_count").GetInt64());
        Assert.Equal(LegCount, root.GetProperty("leg_count").GetInt64());
        Assert.True(root.GetProperty("memory").GetInt64() > 1_000_000);
        Assert.Equal("2025-01-06", root.GetProperty("date_range").GetProperty("start").GetString());
        Assert.Equal("2025-03-03", root.GetProperty("date_range").GetProperty("end").GetString());
    }
}
