using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// Storo (stop 1) in February 2025 at 15: RUT 31 arrives from Nydalen (42 legs, 60 s late, 30 s added)
/// and leaves for Grefsen; RUT 54 arrives from Sinsen (21 legs, 120 s late, all of it added); BNR L2
/// leaves for Grefsen. At 07: RUT 54 arrives 30 s late (42 legs), BNR leaves on time (42 legs).
/// January at 15: RUT 54 arrives 240 s late (21 legs).
/// </summary>
public sealed class StopPondFixture() : SitePond(pond =>
{
    const string storo = "NSR:Quay:1", nydalen = "NSR:Quay:2", grefsen = "NSR:Quay:3", sinsen = "NSR:Quay:4", kjelsaas = "NSR:Quay:5";
    pond.Stop(1, "Storo", Geo.OsloLat, Geo.OsloLon)
        .Stop(2, "Nydalen", Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
        .Stop(3, "Grefsen", Geo.NorthOf(Geo.OsloLat, 2000), Geo.OsloLon)
        .Stop(4, "Sinsen", Geo.NorthOf(Geo.OsloLat, 3000), Geo.OsloLon)
        .Stop(5, "Kjelsås", Geo.NorthOf(Geo.OsloLat, 4000), Geo.OsloLon)
        .Add(Journeys.OnWeekdays(February, 15, 42, [(nydalen, 30), (storo, 60), (grefsen, 90)], "RUT:Line:31"))
        .Add(Journeys.OnWeekdays(February, 15, 21, [(sinsen, 0), (storo, 120)], "RUT:Line:54"))
        .Add(Journeys.OnWeekdays(February, 7, 42, [(sinsen, 0), (storo, 30)], "RUT:Line:54"))
        .Add(Journeys.OnWeekdays(February, 15, 21, [(storo, 0), (grefsen, 90)], "BNR:Line:L2", "BNR", "Bane NOR"))
        .Add(Journeys.OnWeekdays(February, 7, 42, [(storo, 0), (grefsen, 0)], "BNR:Line:L2", "BNR", "Bane NOR"))
        .Add(Journeys.OnWeekdays(January, 15, 21, [(sinsen, 0), (storo, 240)], "RUT:Line:54"))
        // Lines through Storo on a Saturday only, and one that does not pass it.
        .Add(OnSaturday("RUT:Line:N31", "Outbound", kjelsaas, storo))
        .Add(OnSaturday("RUT:Line:Ekspress", "Outbound", storo, kjelsaas))
        .Add(OnSaturday("RUT:Line:9", "Outbound", kjelsaas, sinsen));
});

public sealed class StopQueriesTests(StopPondFixture fixture) : IClassFixture<StopPondFixture>
{
    private const string Storo = "NSR:StopPlace:1";
    private const string Unknown = "NSR:StopPlace:999";
    private static readonly DateOnly January = new(2025, 1, 1);
    private static readonly DateOnly February = new(2025, 2, 1);

    private StatsDatabase Db => fixture.Db;

    [Fact]
    public void Find_returns_the_stop_with_its_operators()
    {
        var stop = StopQueries.Find(Db, Storo);

        Assert.NotNull(stop);
        Assert.Equal((Storo, "Storo", Geo.OsloLat, Geo.OsloLon), (stop.Id, stop.Name, stop.Lat, stop.Lon));
        Assert.Equal(["BNR", "RUT"], stop.DataSources);
    }

    [Fact]
    public void A_stop_without_statistics_is_not_found()
    {
        Assert.Null(StopQueries.Find(Db, Unknown));
        // Kjelsås has Saturday legs only.
        Assert.Null(StopQueries.Find(Db, "NSR:StopPlace:5"));
        Assert.Empty(StopQueries.Stretches(Db, Unknown, February, 15));
        Assert.Empty(StopQueries.DelayByHour(Db, Unknown, February));
        Assert.Empty(StopQueries.Trend(Db, Unknown, 15));
        Assert.Empty(StopQueries.Lines(Db, Unknown));
    }

    [Fact]
    public void Stretches_into_the_stop_come_first_then_those_out_of_it_each_by_rush_intensity()
    {
        var stretches = StopQueries.Stretches(Db, Storo, February, 15);

        // Rush intensity: Sinsen 240 / 150 = 1.6, Nydalen 1.0; BNR 210 / 120 = 1.8, RUT to Grefsen 1.0.
        Assert.Equal(
            [
                (true, "RUT", "Sinsen", "Storo", 1.6),
                (true, "RUT", "Nydalen", "Storo", 1.0),
                (false, "BNR", "Storo", "Grefsen", 1.8),
                (false, "RUT", "Storo", "Grefsen", 1.0),
            ],
            stretches.Select(s => (s.Arriving, s.Stats.DataSource, s.Stats.FromStop, s.Stats.ToStop, s.Stats.RushIntensity)));
        Assert.Equal([120, 60, 90, 90], stretches.Select(s => s.Stats.HourlyDelay));
        Assert.Empty(StopQueries.Stretches(Db, Storo, February, 12));
    }

    [Fact]
    public void Delay_by_hour_is_the_arriving_legs_delay_and_delay_added_weighted_by_their_count()
    {
        var hours = StopQueries.DelayByHour(Db, Storo, February);

        // 15: (42 x 60 + 21 x 120) / 63 = 80 s late, (42 x 30 + 21 x 120) / 63 = 60 s added; unweighted
        // it would be 90 and 75. 07: only RUT 54 arrives; the BNR legs leaving on time do not count.
        Assert.Equal([new HourDelay(7, 30, 30, 42), new HourDelay(15, 80, 60, 63)], hours);
    }

    [Fact]
    public void Trend_gives_each_month_the_delay_at_the_hour_and_over_the_whole_day()
    {
        // February over the day: Nydalen 60 s on 42 legs, Sinsen the median of 42 x 30 and 21 x 120 = 30 s
        // on 63 legs: (2520 + 1890) / 105 = 42 s. Counting Sinsen once per hour row would give 37.5.
        Assert.Equal(
            [new MonthDelay(January, 240, 21, 240, 21), new MonthDelay(February, 80, 63, 42, 105)],
            StopQueries.Trend(Db, Storo, 15));
        Assert.Equal(
            [new MonthDelay(January, null, 0, 240, 21), new MonthDelay(February, 30, 42, 42, 105)],
            StopQueries.Trend(Db, Storo, 7));
    }

    [Fact]
    public void Lines_are_those_running_a_stretch_from_or_to_the_stop_by_number_then_label()
    {
        var lines = StopQueries.Lines(Db, Storo);

        Assert.Equal(
            [
                new LineSummary("BNR", "BNR:Line:L2", "L2"),
                new LineSummary("RUT", "RUT:Line:31", "31"),
                new LineSummary("RUT", "RUT:Line:N31", "N31"),
                new LineSummary("RUT", "RUT:Line:54", "54"),
                new LineSummary("RUT", "RUT:Line:Ekspress", "Ekspress"),
            ],
            lines);
    }
}
