using System.Globalization;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>
/// The demo data through the real transforms: what the site will show must be there. Rush hours
/// have hot spots (rush intensity = hourly_quartile / monthly_duration well above 1), midday has
/// fewer, and the worst stretches differ between months.
/// </summary>
public sealed class DemoHotSpotTests
{
    [Fact]
    public void Derived_statistics_show_rush_hour_hot_spots_that_change_between_months()
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);
        DemoGenerator.Generate(pond, new DemoOptions(new DateOnly(2025, 1, 1), Days: 59, Scale: 0.02));
        new Derivation(pond, new RunOptions(new DateOnly(2025, 1, 1)), NullLogger.Instance).Run();

        using var connection = DuckDbConnections.Open(Path.Combine(folder.Path, PondLayout.StatsDb), readOnly: true);
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
        var hours = connection.Scalar<long>("SELECT count(DISTINCT hour) FROM leg_stat_rows WHERE month(month) = 1");
        Assert.True(hours >= 20, string.Create(CultureInfo.InvariantCulture, $"only {hours} hours of the day have statistics"));

        // Trains make legs like buses: their stretches have statistics too, at train speeds.
        var trainStretches = connection.Scalar<long>(
            "SELECT count(DISTINCT (from_stop_id, to_stop_id)) FROM leg_stat_rows WHERE data_source = 'VYG' AND month(month) = 1");
        Assert.True(trainStretches >= 10, $"{trainStretches} train stretches have statistics");
        var trainKmh = connection.Scalar<double>(
            "SELECT median(air_distance_meters / monthly_duration * 3.6) FROM leg_stat_rows WHERE data_source = 'VYG' AND month(month) = 1");
        Assert.InRange(trainKmh, 50, 120);
    }
}
