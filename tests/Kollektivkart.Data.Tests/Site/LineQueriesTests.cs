using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// RUT 20 in February 2025 runs stops 11-14 Outbound and back Inbound at 15, 21 journeys each; three
/// journeys labelled Inbound run Stop 11 to 12 (a mislabelled direction); at 07, 21 Outbound journeys
/// turn at Stop 13. RUT 21 shares the stretch Stop 12 to 13 and goes on to Stop 15.
/// More lines run on a Saturday only, for the line lists.
/// </summary>
public sealed class LinePondFixture() : SitePond(pond =>
{
    pond.StopsInALine(11, 15)
        .Add(Journeys.OnWeekdays(February, 15, 21,
            [("NSR:Quay:11", 0), ("NSR:Quay:12", 60), ("NSR:Quay:13", 60), ("NSR:Quay:14", 180)], "RUT:Line:20"))
        .Add(Journeys.OnWeekdays(February, 15, 21,
            [("NSR:Quay:14", 0), ("NSR:Quay:13", 30), ("NSR:Quay:12", 30), ("NSR:Quay:11", 90)], "RUT:Line:20", direction: "Inbound"))
        .Add(Journeys.OnWeekdays(February, 15, 3,
            [("NSR:Quay:11", 0), ("NSR:Quay:12", 60)], "RUT:Line:20", direction: "Inbound", tag: "mislabelled"))
        .Add(Journeys.OnWeekdays(February, 7, 21,
            [("NSR:Quay:11", 0), ("NSR:Quay:12", 0), ("NSR:Quay:13", 0)], "RUT:Line:20"))
        .Add(Journeys.OnWeekdays(February, 15, 21,
            [("NSR:Quay:12", 60), ("NSR:Quay:13", 60), ("NSR:Quay:15", 60)], "RUT:Line:21"));
    foreach (var line in new[] { "RUT:Line:110", "RUT:Line:Ekspress", "RUT:Line:N20", "RUT:Line:9", "SKY:Line:2" })
    {
        pond.Add(OnSaturday(line, "Outbound", "NSR:Quay:14", "NSR:Quay:15"));
    }
});

public sealed class LineQueriesTests(LinePondFixture fixture) : IClassFixture<LinePondFixture>
{
    private const string Line20 = "RUT:Line:20";
    private static readonly DateOnly January = new(2025, 1, 1);
    private static readonly DateOnly February = new(2025, 2, 1);

    private StatsDatabase Db => fixture.Db;

    [Fact]
    public void An_operators_lines_are_ordered_by_the_number_lineRef_ends_with_then_by_label()
    {
        Assert.Equal(["9", "20", "N20", "21", "110", "Ekspress"], LineQueries.Lines(Db, "RUT").Select(l => l.Label));
        Assert.Equal([new LineSummary("SKY", "SKY:Line:2", "2")], LineQueries.Lines(Db, "SKY"));
        Assert.Empty(LineQueries.Lines(Db, "XXX"));
    }

    [Fact]
    public void Find_gives_each_direction_from_its_first_stretchs_stop_to_its_last_stretchs()
    {
        var line = LineQueries.Find(Db, "RUT", Line20);

        Assert.NotNull(line);
        Assert.Equal(("RUT", Line20, "20"), (line.DataSource, line.LineRef, line.Label));
        // Inbound's first stretches are Stop 14 to 13 (21 legs) and the mislabelled Stop 11 to 12 (3 legs),
        // both at position 1: the one with more legs starts the direction.
        Assert.Equal(
            [
                ("Inbound", "NSR:StopPlace:14", "Stop 14", "NSR:StopPlace:11", "Stop 11"),
                ("Outbound", "NSR:StopPlace:11", "Stop 11", "NSR:StopPlace:14", "Stop 14"),
            ],
            line.Directions.Select(d => (d.Direction, d.OriginStopId, d.Origin, d.DestinationStopId, d.Destination)));
    }

    [Fact]
    public void An_unknown_line_is_not_found_and_has_no_route()
    {
        Assert.Null(LineQueries.Find(Db, "RUT", "RUT:Line:999"));
        Assert.Null(LineQueries.Find(Db, "SKY", Line20));
        Assert.Empty(LineQueries.Route(Db, "RUT", "RUT:Line:999", February, 15));
        Assert.Empty(LineQueries.Route(Db, "SKY", Line20, February, 15));
    }

    [Fact]
    public void The_route_lists_each_directions_stretches_in_route_order_with_the_delay_building_up()
    {
        var route = LineQueries.Route(Db, "RUT", Line20, February, 15);

        // Stop 11 to 12 is listed once, under Outbound where the line ran it most; RUT 21's Stop 13 to 15 is not on it.
        Assert.Equal(
            [
                ("Inbound", "Stop 14", "Stop 13", 30, 30),
                ("Inbound", "Stop 13", "Stop 12", 30, 0),
                ("Inbound", "Stop 12", "Stop 11", 90, 60),
                ("Outbound", "Stop 11", "Stop 12", 60, 60),
                ("Outbound", "Stop 12", "Stop 13", 60, 0),
                ("Outbound", "Stop 13", "Stop 14", 180, 120),
            ],
            route.Select(s => (s.Direction, s.FromStop, s.ToStop, s.DelayAtArrival, s.DelayAdded)));
        Assert.All(route, s => Assert.NotNull(s.Stats));
        Assert.Equal(route.Count, route.Select(s => (s.FromStopId, s.ToStopId)).Distinct().Count());
        // The stretch's statistics are all operators' and lines' legs on it: RUT 21 runs Stop 12 to 13 too.
        Assert.Equal(42, route.Single(s => s.FromStop == "Stop 12" && s.ToStop == "Stop 13").Stats!.HourlyCount);
    }

    [Fact]
    public void A_route_stretch_without_statistics_that_hour_is_listed_without_them()
    {
        var route = LineQueries.Route(Db, "RUT", Line20, February, 7);

        Assert.Equal(
            [
                ("Inbound", "Stop 14", "Stop 13", false),
                ("Inbound", "Stop 13", "Stop 12", false),
                ("Inbound", "Stop 12", "Stop 11", false),
                ("Outbound", "Stop 11", "Stop 12", true),
                ("Outbound", "Stop 12", "Stop 13", true),
                ("Outbound", "Stop 13", "Stop 14", false),
            ],
            route.Select(s => (s.Direction, s.FromStop, s.ToStop, s.Stats is not null)));
        Assert.Null(route[^1].DelayAtArrival);
    }

    [Fact]
    public void A_month_without_statistics_has_no_route()
    {
        Assert.Empty(LineQueries.Route(Db, "RUT", Line20, January, 15));
    }
}
