using Kollektivkart.Data.Site;
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

        // Charlie-Delta has no January figures; the rest by |proportion| ascending, the largest change last (the original's
        // order, so a map client draws it on top).
        var inBoth = Legs
            .Where(l => l.Month == February && l.Hour == Hour)
            .Where(l => Legs.Any(p => p.Month == January && p.Hour == Hour && (p.DataSource, p.From, p.To) == (l.DataSource, l.From, l.To)))
            .Select(l => (l.DataSource, l.From, l.To))
            .ToList();
        Assert.Equal(
            inBoth.OrderBy(s => Math.Abs(Proportion(Leg(February, s.DataSource, s.From, s.To), Leg(January, s.DataSource, s.From, s.To))))
                .Select(s => (s.From.Name, s.To.Name, s.DataSource)),
            frame.Stretches());
        Assert.Equal([(Sierra.Name, Tango.Name, "SKY"), (Alfa.Name, Bravo.Name, "RUT"), (Bravo.Name, Charlie.Name, "RUT")], frame.Stretches());
        foreach (var (ds, from, to) in inBoth)
        {
            var cur = Leg(February, ds, from, to);
            var prev = Leg(January, ds, from, to);
            var row = frame.RowOf(ds, from.Id, to.Id);
            var net = cur.MeanHourlyDuration - prev.MeanHourlyDuration;
            Assert.Equal(net, frame.Number("net_change_seconds", row));
            Assert.Equal(Round(100.0 * net / prev.MeanHourlyDuration), frame.Number("net_change_pct", row));
            Assert.Equal(Round(Proportion(cur, prev)), frame.Number("net_change_proportion", row));
            Assert.Equal(Math.Abs(Round(Proportion(cur, prev))), frame.Number("abs_net_change_proportion", row));
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
        Assert.Equal([2, 11, -14], frame.Numbers("net_change_proportion"));
        Assert.Equal([2, 11, 14], frame.Numbers("abs_net_change_proportion"));
        Assert.Equal([3, 25, -25], frame.Numbers("net_change_pct"));
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
        var shares = all.Numbers("abs_net_change_proportion").ToList();
        Assert.Equal(shares.Order(), shares);
        Assert.Equal(all.Numbers("net_change_proportion").Select(Math.Abs), shares);
        Assert.Equal(ruter.Numbers("abs_net_change_proportion").Order(), ruter.Numbers("abs_net_change_proportion"));
        // What the limit leaves out changed no more than the smallest change it keeps.
        var kept = all.Strings("from_stop_id").ToHashSet();
        var left = Enumerable.Range(0, ruter.Count).Where(i => !kept.Contains(ruter.String("from_stop_id", i))).ToList();
        Assert.Equal(ComparisonRuterRows - all.Strings("data_source").Count(ds => ds == "RUT"), left.Count);
        Assert.NotEmpty(left);
        Assert.All(left, i => Assert.True(ruter.Number("abs_net_change_proportion", i) <= shares[0]));
    }

    [Fact]
    public async Task Ties_keep_one_order_the_views_order_turned_round()
    {
        var site = await data.Hand();

        var all = ApiFrame.Parse(await site.GetOk($"/api/comparison/2025/2/2025/1/{ComparisonHour}?&"), ApiFrame.ComparisonFields);
        var ruter = ApiFrame.Parse(await site.GetOk($"/api/comparison/2025/2/2025/1/{ComparisonHour}?&data_source=RUT"), ApiFrame.ComparisonFields);

        // The rows HandBuiltStatsDb writes at ComparisonHour: 100 s before, 100 + change now, so stretches with the same
        // change tie exactly, within Ruter (i % 200) and across operators (Skyss's 3i).
        var rows = Enumerable.Range(0, ComparisonRuterRows).Select(i => (DataSource: "RUT", Id: i, Change: i % 200))
            .Concat(Enumerable.Range(0, ComparisonSkyssRows).Select(i => (DataSource: "SKY", Id: i, Change: 3 * i)))
            .Select(r => (r.DataSource, From: $"{r.DataSource}:Cmp:{r.Id}", Share: 100.0 * r.Change / (200 + r.Change)))
            .ToList();
        // Which rows: the 2000 largest, ties by operator and stop id ascending; then mildest first, so ties come reversed.
        var expected = rows
            .OrderByDescending(r => r.Share).ThenBy(r => r.DataSource, StringComparer.Ordinal).ThenBy(r => r.From, StringComparer.Ordinal)
            .Take(MapQueries.ComparisonLimit)
            .Reverse()
            .Select(r => (r.DataSource, r.From))
            .ToList();
        Assert.Equal(expected, Enumerable.Range(0, all.Count).Select(i => (all.String("data_source", i), all.String("from_stop_id", i))));
        Assert.Equal(
            rows.Where(r => r.DataSource == "RUT").OrderBy(r => r.Share).ThenByDescending(r => r.From, StringComparer.Ordinal).Select(r => r.From),
            ruter.Strings("from_stop_id"));
    }

    /// <summary>data-model.md section 5: the change as a share of both months' means, in percent.</summary>
    private static double Proportion(LegStat cur, LegStat prev) =>
        100.0 * (cur.MeanHourlyDuration - prev.MeanHourlyDuration) / (cur.MeanHourlyDuration + prev.MeanHourlyDuration);

    private static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);
}
