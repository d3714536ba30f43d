using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>comparison: net change, its share and percentage, ordering and limit (data-model.md section 5).</summary>
[Collection(SiteCollection.Name)]
public sealed class ComparisonApiTests(SiteData data)
{
    [Fact]
    public async Task Net_change_pct_and_proportion_of_the_stretches_in_both_months()
    {
        var site = await data.Hand();

        // "?&" is what the original front end sends when no operator is chosen.
        var frame = ApiFrame.Parse(await site.GetOk("/api/comparison/2025/2/2025/1/8?&"), ApiFrame.ComparisonFields);

        // Charlie-Delta has no January figures; the rest by |proportion|: -14.3, 11.1, 1.7.
        Assert.Equal(
            [(Bravo.Name, Charlie.Name, "RUT"), (Alfa.Name, Bravo.Name, "RUT"), (Sierra.Name, Tango.Name, "SKY")],
            frame.Stretches());
        foreach (var (ds, from, to) in new[] { ("RUT", Alfa, Bravo), ("RUT", Bravo, Charlie), ("SKY", Sierra, Tango) })
        {
            var cur = Leg(February, ds, from, to);
            var prev = Leg(January, ds, from, to);
            var row = frame.RowOf(ds, from.Id, to.Id);
            var net = cur.MeanHourlyDuration - prev.MeanHourlyDuration;
            Assert.Equal(net, frame.Number("net_change_seconds", row));
            Assert.Equal(Round(100.0 * net / prev.MeanHourlyDuration), frame.Number("net_change_pct", row));
            Assert.Equal(Round(100.0 * net / (cur.MeanHourlyDuration + prev.MeanHourlyDuration)), frame.Number("net_change_proportion", row));
            Assert.Equal(cur.Lat, frame.Number("lat", row), 9);
            Assert.Equal(cur.Lon, frame.Number("lon", row), 9);
            Assert.Equal(from.Lat, frame.Number("from_lat", row));
            Assert.Equal(to.Lon, frame.Number("to_lon", row));
            foreach (var (prefix, leg) in new[] { ("cur_", cur), ("prev_", prev) })
            {
                Assert.Equal(leg.HourlyQuartile, frame.Number(prefix + "hourly_quartile", row));
                Assert.Equal(leg.HourlyDuration, frame.Number(prefix + "hourly_duration", row));
                Assert.Equal(leg.HourlyDelay, frame.Number(prefix + "hourly_delay", row));
                Assert.Equal(leg.HourlyDeviation, frame.Number(prefix + "hourly_deviation", row));
                Assert.Equal(leg.MeanHourlyDuration, frame.Number(prefix + "mean_hourly_duration", row));
                Assert.Equal(leg.HourlyCount, frame.Number(prefix + "hourly_count", row));
            }
            Assert.Equal(cur.MonthlyCount, frame.Number("cur_month_count", row));
            Assert.Equal(prev.MonthlyCount, frame.Number("prev_monthly_count", row));
        }
        Assert.Equal([-14, 11, 2], frame.Numbers("net_change_proportion"));
        Assert.Equal([-25, 25, 3], frame.Numbers("net_change_pct"));
    }

    [Fact]
    public async Task An_operator_and_a_line_narrow_the_comparison()
    {
        var site = await data.Hand();

        var skyss = ApiFrame.Parse(await site.GetOk("/api/comparison/2025/2/2025/1/8?&data_source=SKY"), ApiFrame.ComparisonFields);
        Assert.Equal([(Sierra.Name, Tango.Name, "SKY")], skyss.Stretches());

        var line = ApiFrame.Parse(await site.GetOk("/api/comparison/2025/2/2025/1/8?&data_source=RUT&line_ref=RUT:Line:FB"), ApiFrame.ComparisonFields);
        Assert.Equal([(Bravo.Name, Charlie.Name, "RUT")], line.Stretches());
    }

    [Fact]
    public async Task All_operators_give_the_2000_largest_changes_one_operator_all_of_its_own()
    {
        var site = await data.Hand();

        var all = ApiFrame.Parse(await site.GetOk($"/api/comparison/2025/2/2025/1/{ComparisonHour}?&"), ApiFrame.ComparisonFields);
        var ruter = ApiFrame.Parse(await site.GetOk($"/api/comparison/2025/2/2025/1/{ComparisonHour}?&data_source=RUT"), ApiFrame.ComparisonFields);

        Assert.Equal(2000, all.Count);
        Assert.Equal(ComparisonRuterRows, ruter.Count);
        var shares = all.Numbers("net_change_proportion").Select(Math.Abs).ToList();
        Assert.Equal(shares.OrderByDescending(s => s), shares);
        Assert.Equal(ruter.Numbers("net_change_proportion").Select(Math.Abs).OrderByDescending(s => s), ruter.Numbers("net_change_proportion").Select(Math.Abs));
        // What the limit leaves out changed no more than the smallest change it keeps.
        var kept = all.Strings("from_stop_id").ToHashSet();
        var left = Enumerable.Range(0, ruter.Count).Where(i => !kept.Contains(ruter.String("from_stop_id", i))).ToList();
        Assert.Equal(ComparisonRuterRows - all.Strings("data_source").Count(ds => ds == "RUT"), left.Count);
        Assert.NotEmpty(left);
        Assert.All(left, i => Assert.True(Math.Abs(ruter.Number("net_change_proportion", i)) <= shares[^1]));
    }

    private static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);
}
