using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// When the nightly job computes punctuality (data-model.md section 9): a day's departures once, from its raw arrivals; a
/// month from its days when it gains one, never a month that did not; every month once on the upgrade that brings it;
/// everything again with --invalidate.
/// </summary>
public sealed class PunctualityPlanTests
{
    private static readonly DateOnly[] Days = [new(2025, 1, 29), new(2025, 1, 30), new(2025, 2, 3), new(2025, 2, 4)];

    /// <summary>Ten one-leg journeys of a day at 07:xx UTC.</summary>
    private static IEnumerable<Call> Journeys(DateOnly day) =>
        Enumerable.Range(0, 10).SelectMany(i => Support.Journeys.OneLeg(
            day, $"RUT:ServiceJourney:{day:MMdd}-{i}", Support.Journeys.Utc(day, TimeSpan.FromHours(7).Add(TimeSpan.FromMinutes(i))),
            "NSR:Quay:1", "NSR:Quay:2", actualSeconds: 120, departureDelay: 10 * i));

    private static TestPond PondWith(IEnumerable<DateOnly> days)
    {
        var pond = new TestPond();
        pond.StopsInALine(1, 2);
        foreach (var day in days)
        {
            pond.Add(Journeys(day));
        }
        pond.Write();
        return pond;
    }

    private static int Partitions(RunReport report, string step) => report.Steps.Single(s => s.Step == step).Partitions;

    private static long Planned(TestPond pond, string month) =>
        pond.StatsDb($"SELECT planned FROM punctuality_operator WHERE hour IS NULL AND month = DATE '{month}'").Single().Long("planned");

    [Fact]
    public void A_new_day_computes_its_own_departures_and_only_its_month()
    {
        using var pond = PondWith(Days[..3]);
        pond.Derive();
        pond.Add(Journeys(Days[3])).Write();

        var report = pond.Derive();

        Assert.Equal(1, Partitions(report, "departures"));
        Assert.Equal(1, Partitions(report, "punctuality"));
        Assert.Equal(20L, Planned(pond, "2025-01-01"));
        Assert.Equal(20L, Planned(pond, "2025-02-01"));
        Assert.True(pond.Derive().WroteNothing);
    }

    [Fact]
    public void An_upgrade_computes_every_day_and_month_once()
    {
        using var pond = PondWith(Days);
        pond.Derive();
        // A pond the build before punctuality wrote: no departures, no punctuality.
        Directory.Delete(Path.Combine(pond.Root, PondLayout.Departures), recursive: true);
        Directory.Delete(Path.Combine(pond.Root, PondLayout.Punctuality), recursive: true);

        var upgrade = pond.Derive();

        Assert.Equal(0, Partitions(upgrade, "legs"));
        Assert.Equal(0, Partitions(upgrade, "leg_stats"));
        Assert.Equal(4, Partitions(upgrade, "departures"));
        Assert.Equal(2, Partitions(upgrade, "punctuality"));
        Assert.Equal(1, Partitions(upgrade, "stats.db"));
        Assert.Equal(20L, Planned(pond, "2025-01-01"));
        Assert.True(pond.Derive().WroteNothing, "the next night has nothing to do");
    }

    [Fact]
    public void Invalidate_computes_them_all_again()
    {
        using var pond = PondWith(Days);
        pond.Derive();

        var again = pond.Derive(new RunOptions(new DateOnly(2000, 1, 1), Invalidate: true));

        Assert.Equal(4, Partitions(again, "departures"));
        Assert.Equal(2, Partitions(again, "punctuality"));
    }

    [Fact]
    public void A_month_whose_record_of_days_is_missing_is_computed_again()
    {
        using var pond = PondWith(Days);
        pond.Derive();
        File.Delete(Path.Combine(pond.Root, PondLayout.Punctuality, "month=2025-02-01", PondLayout.SourceDaysFile));

        var report = pond.Derive();

        Assert.Equal(0, Partitions(report, "departures"));
        Assert.Equal(1, Partitions(report, "punctuality"));
    }
}
