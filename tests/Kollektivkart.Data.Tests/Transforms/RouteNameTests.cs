using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>data-model.md section 3, route name and canonical direction.</summary>
public sealed class RouteNameTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 3);
    private static readonly DateOnly Day2 = new(2025, 3, 4);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Journeys.Utc(day, new TimeSpan(hour, minute, 0));

    [Fact]
    public void A_routes_origin_and_destination_are_those_most_of_the_days_journeys_have()
    {
        using var pond = new TestPond();
        // The lowest stop id is not the origin, and the minority's destination has the lower id.
        pond.StopsInALine(1, 4);
        pond.Add(new JourneyBuilder(Day1, "J-short", At(Day1, 6)).At("NSR:Quay:3", 0).At("NSR:Quay:2", 2).Calls());
        foreach (var hour in new[] { 7, 8, 9 })
        {
            pond.Add(new JourneyBuilder(Day1, $"J-{hour}", At(Day1, hour))
                .At("NSR:Quay:3", 0).At("NSR:Quay:2", 2).At("NSR:Quay:4", 6).Calls());
        }
        pond.Write();

        pond.Derive();

        var route = Assert.Single(pond.RouteNames());
        Assert.Equal(("RUT:Line:1", "Outbound"), (route.Text("lineRef"), route.Text("directionRef")));
        Assert.Equal(("NSR:StopPlace:3", "Stop 3"), (route.Text("origin_stop_id"), route.Text("origin")));
        Assert.Equal(("NSR:StopPlace:4", "Stop 4"), (route.Text("destination_stop_id"), route.Text("destination")));
        Assert.Equal(3, route.Long("journeys"));
    }

    [Fact]
    public void A_routes_direction_is_the_directionRef_of_its_earliest_day_and_another_route_keeps_its_own()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day1, "J1", At(Day1, 7)) { DirectionRef = "Inbound" }
                .At("NSR:Quay:1", 0).At("NSR:Quay:2", 2).At("NSR:Quay:3", 4).Calls())
            // Day 2 relabels the same route "1", and brings a route the other way labelled "2".
            .Add(new JourneyBuilder(Day2, "J1", At(Day2, 7)) { DirectionRef = "1" }
                .At("NSR:Quay:1", 0).At("NSR:Quay:2", 2).At("NSR:Quay:3", 4).Calls())
            .Add(new JourneyBuilder(Day2, "J2", At(Day2, 8)) { DirectionRef = "2" }
                .At("NSR:Quay:3", 0).At("NSR:Quay:2", 2).At("NSR:Quay:1", 4).Calls())
            .Write();

        pond.Derive();

        var legs = pond.Legs().OrderBy(l => l.Date("operatingDate")).ThenBy(l => l.Text("serviceJourneyId")).ToList();
        Assert.Equal(
            [
                (Day1, "J1", "Inbound", "Inbound"), (Day1, "J1", "Inbound", "Inbound"),
                (Day2, "J1", "1", "Inbound"), (Day2, "J1", "1", "Inbound"),
                (Day2, "J2", "2", "2"), (Day2, "J2", "2", "2"),
            ],
            legs.Select(l => (l.Date("operatingDate"), l.Text("serviceJourneyId"), l.Text("directionRef"), l.Text("direction"))));
    }
}
