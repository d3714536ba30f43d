using Kollektivkart.Data.Transforms;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// A run that dies between steps is finished by the next one: months whose stats miss a day and
/// a stats.db built from fewer days are recomputed, though every partition is present.
/// </summary>
public sealed class ResumeTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);
    private static readonly DateOnly Tuesday = new(2025, 3, 4);

    [Theory]
    [InlineData("leg_stats")]
    [InlineData("departures")]
    [InlineData("punctuality")]
    [InlineData("lookups")]
    [InlineData("stats.db")]
    public void A_run_killed_before_a_step_is_completed_by_the_next_run(string killedAt)
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(Legs(Monday)).Write();
        pond.Derive();
        pond.Add(Legs(Tuesday)).Write();

        Assert.Throws<SimulatedCrash>(() => pond.Derive(progress: new CrashAt(killedAt)));
        var resumed = pond.Derive();

        Assert.False(resumed.WroteNothing);
        var row = Assert.Single(pond.LegStats());
        Assert.Equal(42L, Convert.ToInt64(row["hourly_count"], System.Globalization.CultureInfo.InvariantCulture));
        var stats = Assert.Single(pond.StatsDb("SELECT max_date, total_legs FROM arrivals_stats"));
        Assert.Equal(Tuesday, stats["max_date"]);
        Assert.Equal(42L, Convert.ToInt64(stats["total_legs"], System.Globalization.CultureInfo.InvariantCulture));
        var month = Assert.Single(pond.StatsDb("SELECT planned FROM punctuality_operator WHERE hour IS NULL"));
        Assert.Equal(42L, Convert.ToInt64(month["planned"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(pond.Derive().WroteNothing, "after the resumed run everything is current");
    }

    [Fact]
    public void A_month_without_a_record_of_its_source_days_is_recomputed()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(Legs(Monday)).Write();
        pond.Derive();
        File.Delete(Path.Combine(pond.Root, "leg_stats.parquet", "month=2025-03-01", Kollektivkart.Data.Pond.PondLayout.SourceDaysFile));

        var report = pond.Derive();

        Assert.Equal(1, report.Steps.Single(s => s.Step == "leg_stats").Partitions);
        Assert.Equal(0, report.Steps.Single(s => s.Step == "legs").Partitions);
    }

    /// <summary>21 one-leg journeys at 07:xx UTC, one hour's worth for leg_stats to keep.</summary>
    private static IEnumerable<Call> Legs(DateOnly day) =>
        Enumerable.Range(0, 21).SelectMany(i => Journeys.OneLeg(
            day, $"RUT:ServiceJourney:{day:MMdd}-{i}", Journeys.Utc(day, TimeSpan.FromHours(7).Add(TimeSpan.FromMinutes(i))),
            "NSR:Quay:1", "NSR:Quay:2", actualSeconds: 120 + i));

    private sealed class SimulatedCrash : Exception;

    private sealed class CrashAt(string step) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            if (value.Step == step)
            {
                throw new SimulatedCrash();
            }
        }
    }
}
