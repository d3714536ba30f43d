using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>
/// The demo data through the real transforms: what the site will show must be there. Rush hours
/// have hot spots (rush intensity = hourly_quartile / monthly_duration well above 1), midday has
/// fewer, and the worst stretches differ between months (<see cref="DerivedDemo"/>: the end of January and the start of
/// February).
/// </summary>
public sealed class DemoHotSpotTests
{
    [Fact]
    public void Derived_statistics_show_rush_hour_hot_spots_that_change_between_months()
    {
        using var folder = new TempFolder();
        var statsDb = folder.Sub(PondLayout.StatsDb);
        File.Copy(DerivedDemo.StatsDb, statsDb);

        using var connection = DuckDbConnections.Open(statsDb, readOnly: true);
        double MaxIntensity(int month, int hour) => connection.Scalar<double>(
            "SELECT max(round(hourly_quartile / monthly_duration, 1)) FROM leg_stat_rows WHERE month(month) = $m AND hour = $h",
            ("m", month), ("h", hour));
        foreach (var month in new[] { 1, 2 })
        {
            var morning = MaxIntensity(month, 8);
            var afternoon = MaxIntensity(month, 16);
            var midday = MaxIntensity(month, 12);
            Assert.True(morning >= 1.5 && afternoon >= 1.5, $"month {month}: rush intensity 08 {morning}, 16 {afternoon}");
            Assert.True(midday < Math.Min(morning, afternoon), $"month {month}: midday {midday} vs rush {morning}/{afternoon}");
        }

        List<string> Worst(int month)
        {
            using var reader = connection.Query(
                """
                SELECT from_stop_id || '>' || to_stop_id FROM leg_stat_rows
                WHERE month(month) = $m AND hour = 8
                ORDER BY hourly_quartile / monthly_duration DESC, from_stop_id, to_stop_id LIMIT 10
                """, ("m", month));
            var stretches = new List<string>();
            while (reader.Read())
            {
                stretches.Add(reader.GetString(0));
            }
            return stretches;
        }
        var january = Worst(1);
        var february = Worst(2);
        Assert.Equal(10, january.Count);
        Assert.NotEqual(january.Order(StringComparer.Ordinal), february.Order(StringComparer.Ordinal));
        // Statistics through the whole service day, not only in the rush: every hour from 06 to 22.
        var hours = connection.Scalar<string>("SELECT string_agg(hour::VARCHAR, ' ' ORDER BY hour) FROM (SELECT DISTINCT hour FROM leg_stat_rows WHERE month(month) = 1)")!;
        Assert.Superset(Enumerable.Range(6, 17).Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), hours.Split(' ').ToHashSet());

        // Trains make legs like buses, at train speeds. (Their stretches have statistics once a month has enough trains
        // an hour: more than 20, which the few days of this pond do not give.)
        var legs = PondLayout.Glob(DerivedDemo.Root, PondLayout.Legs);
        var trainStretches = connection.Scalar<long>(
            "SELECT count(DISTINCT (from_stop_id, to_stop_id)) FROM read_parquet($legs, hive_partitioning = true) WHERE dataSource = 'VYG'", ("legs", legs));
        Assert.True(trainStretches >= 10, $"{trainStretches} train stretches have legs");
        var trainKmh = connection.Scalar<double>(
            "SELECT median(air_distance_meters / actual_duration * 3.6) FROM read_parquet($legs, hive_partitioning = true) WHERE dataSource = 'VYG' AND actual_duration > 0", ("legs", legs));
        Assert.InRange(trainKmh, 50, 120);
    }
}
