using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>data-model.md section 3, legs: what a leg carries and which legs are kept.</summary>
public sealed class LegTests
{
    private static readonly DateOnly Day = new(2025, 3, 4);
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Leg_times_start_at_the_previous_arrival_else_its_departure()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day, "J1", Start) { LineRef = "RUT:Line:31", DirectionRef = "Inbound" }
                .At("NSR:Quay:1", 0, 30)
                // Planned 07:03-07:04 at stop 2, actual 07:03:20-07:04:50.
                .At("NSR:Quay:2", 3, 20, c => c with
                {
                    AimedDepartureTime = c.AimedArrivalTime!.Value.AddMinutes(1),
                    DepartureTime = c.AimedArrivalTime!.Value.AddSeconds(110),
                })
                .At("NSR:Quay:3", 8, 60)
                .Calls())
            .Write();

        pond.Derive();

        var legs = pond.Legs();
        Assert.Equal(2, legs.Count);
        var (first, second) = (legs[0], legs[1]);
        // Stop 1 has no arrival: the leg starts at its departure, 07:00:30, and is planned from its planned departure.
        Assert.Equal(Start.AddSeconds(30), first.Instant("start_time"));
        Assert.Equal((170L, 180L, 20L, -10L), Durations(first));
        // Stop 2 has both: the leg starts at its arrival, 07:03:20, and is planned from its planned arrival, 07:03.
        Assert.Equal(Start.AddSeconds(200), second.Instant("start_time"));
        Assert.Equal((340L, 300L, 60L, 40L), Durations(second));

        Assert.Equal(("NSR:StopPlace:2", "Stop 2", "NSR:StopPlace:3", "Stop 3"),
            (second.Text("from_stop_id"), second.Text("from_stop"), second.Text("to_stop_id"), second.Text("to_stop")));
        Assert.Equal((Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon, Geo.NorthOf(Geo.OsloLat, 2000), Geo.OsloLon),
            (second.Double("from_lat"), second.Double("from_lon"), second.Double("to_lat"), second.Double("to_lon")));
        Assert.Equal((Day, "RUT:Line:31", "RUT", "Inbound", "Inbound", "J1"),
            (second.Date("operatingDate"), second.Text("lineRef"), second.Text("dataSource"), second.Text("directionRef"),
                second.Text("direction"), second.Text("serviceJourneyId")));
    }

    [Fact]
    public void Durations_are_elapsed_seconds_across_the_change_to_summer_time()
    {
        using var pond = new TestPond();
        // 00:50-01:11 UTC on 30 March 2025 is 01:50 CET to 03:11 CEST in Oslo: 21 minutes, not 81.
        var day = new DateOnly(2025, 3, 30);
        pond.StopsInALine(1, 2)
            .Add(new JourneyBuilder(day, "J1", Journeys.Utc(day, new TimeSpan(0, 50, 0)))
                .At("NSR:Quay:1", 0).At("NSR:Quay:2", 20, 60).Calls())
            .Write();

        pond.Derive();

        Assert.Equal((1260L, 1200L, 60L, 60L), Durations(Assert.Single(pond.Legs())));
    }

    [Fact]
    public void A_leg_carries_the_sequenceNr_of_the_call_it_leaves_from()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0, tweak: c => c with { SequenceNr = 5 })
                .At("NSR:Quay:2", 2, tweak: c => c with { SequenceNr = 7 })
                .At("NSR:Quay:3", 4, tweak: c => c with { SequenceNr = 9 })
                .Calls())
            .Write();

        pond.Derive();

        Assert.Equal([5L, 7L], pond.Legs().Select(l => l.Long("sequenceNr")));
    }

    [Fact]
    public void Air_distance_from_Oslo_S_to_Bergen_stasjon_is_within_half_a_percent_of_the_WGS84_geodesic()
    {
        using var pond = new TestPond();
        pond.Stop(1, "Oslo S", 59.910357, 10.753051)
            .Stop(2, "Bergen stasjon", 60.390434, 5.333210)
            .Add(new JourneyBuilder(Day, "J1", Start).At("NSR:Quay:1", 0).At("NSR:Quay:2", 110).Calls())
            .Write();

        pond.Derive();

        // 305 676 m on the WGS84 spheroid (Vincenty's inverse formula).
        var distance = Assert.Single(pond.Legs()).Long("air_distance_meters");
        Assert.InRange(distance, 305_676 * 0.995, 305_676 * 1.005);
    }

    [Fact]
    public void Air_distance_is_whole_metres_within_half_a_percent_of_the_great_circle_distance()
    {
        using var pond = new TestPond();
        (double Lat, double Lon) from = (59.9139, 10.7522), to = (59.9200, 10.7650);
        pond.Stop(1, "Oslo S", from.Lat, from.Lon)
            .Stop(2, "Grønland", to.Lat, to.Lon)
            .Add(new JourneyBuilder(Day, "J1", Start).At("NSR:Quay:1", 0).At("NSR:Quay:2", 3).Calls())
            .Write();

        pond.Derive();

        var expected = Geo.HaversineMeters(from.Lat, from.Lon, to.Lat, to.Lon);
        Assert.InRange(expected, 900, 1100);
        var distance = Assert.Single(pond.Legs())["air_distance_meters"];
        Assert.IsType<int>(distance);
        Assert.InRange((int)distance, expected * 0.995, expected * 1.005);
    }

    [Theory]
    [InlineData(-1, 120, false)]
    [InlineData(0, 120, true)]
    [InlineData(7200, 7200, true)]
    [InlineData(7201, 7201, false)]
    public void A_leg_is_kept_only_when_planned_between_0_and_7200_s(int plannedSeconds, int actualSeconds, bool kept)
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0)
                .At("NSR:Quay:2", TimeSpan.FromSeconds(600))
                .At("NSR:Quay:3", TimeSpan.FromSeconds(600 + plannedSeconds), actualSeconds - plannedSeconds)
                .Calls())
            .Write();

        pond.Derive();

        AssertStretchKept(pond, kept);
    }

    [Theory]
    [InlineData(7199, true)]
    [InlineData(7200, false)]
    public void A_leg_is_kept_only_when_its_deviation_is_under_7200_s(int deviation, bool kept)
    {
        using var pond = new TestPond();
        // An hour early at stops 1 and 2, up to an hour late at stop 3: every call passes cleaning.
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0, -3600)
                .At("NSR:Quay:2", 10, -3600)
                .At("NSR:Quay:3", 20, deviation - 3600)
                .Calls())
            .Write();

        pond.Derive();

        AssertStretchKept(pond, kept);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void A_leg_is_kept_only_when_it_takes_more_than_1_s(int actualSeconds, bool kept)
    {
        using var pond = new TestPond();
        // 50 m apart: even 1 s is 180 km/h, under the speed limit.
        pond.StopsInALine(1, 3, spacingMeters: 50)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0)
                .At("NSR:Quay:2", 1)
                .At("NSR:Quay:3", 2, actualSeconds - 60)
                .Calls())
            .Write();

        pond.Derive();

        AssertStretchKept(pond, kept);
    }

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public void A_leg_is_kept_only_when_slower_than_250_km_per_h(int actualSeconds, bool kept)
    {
        using var pond = new TestPond();
        // 1 km in 14 s is 257 km/h, in 15 s 240 km/h: either side of the limit even with a 0.5 % distance error.
        pond.StopsInALine(1, 3)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0)
                .At("NSR:Quay:2", 2)
                .At("NSR:Quay:3", 3, actualSeconds - 60)
                .Calls())
            .Write();

        pond.Derive();

        AssertStretchKept(pond, kept);
    }

    [Fact]
    public void A_leg_between_two_quays_of_one_stop_place_is_dropped_for_its_zero_air_distance()
    {
        using var pond = new TestPond();
        pond.Stop(1, "Stop 1", Geo.OsloLat, Geo.OsloLon)
            .StopPlace("NSR:StopPlace:2", "Stop 2", Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
            .Quay("NSR:Quay:21", "NSR:StopPlace:2", "Stop 2 A", Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
            .Quay("NSR:Quay:22", "NSR:StopPlace:2", "Stop 2 B", Geo.NorthOf(Geo.OsloLat, 1100), Geo.OsloLon)
            .Stop(3, "Stop 3", Geo.NorthOf(Geo.OsloLat, 2000), Geo.OsloLon)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0).At("NSR:Quay:21", 2).At("NSR:Quay:22", 3).At("NSR:Quay:3", 5).Calls())
            .Write();

        pond.Derive();

        Assert.Equal(
            [("NSR:StopPlace:1", "NSR:StopPlace:2"), ("NSR:StopPlace:2", "NSR:StopPlace:3")],
            pond.Legs().Select(l => (l.Text("from_stop_id"), l.Text("to_stop_id"))));
    }

    [Fact]
    public void A_leg_from_a_stop_without_a_name_is_dropped()
    {
        using var pond = new TestPond();
        pond.Stop(1, "Stop 1", Geo.OsloLat, Geo.OsloLon)
            .StopPlace("NSR:StopPlace:2", null, Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
            .Quay("NSR:Quay:2", "NSR:StopPlace:2")
            .Stop(3, "Stop 3", Geo.NorthOf(Geo.OsloLat, 2000), Geo.OsloLon)
            .Add(new JourneyBuilder(Day, "J1", Start).At("NSR:Quay:1", 0).At("NSR:Quay:2", 2).At("NSR:Quay:3", 4).Calls())
            .Write();

        pond.Derive();

        // "from_stop ... known": from_stop is the name (data-model.md, legs); the leg into the unnamed stop stays.
        var leg = Assert.Single(pond.Legs());
        Assert.Equal(("NSR:StopPlace:1", null), (leg.Text("from_stop_id"), leg.Text("to_stop")));
    }

    private static (long Actual, long Planned, long Delay, long Deviation) Durations(Dictionary<string, object?> leg) =>
        (leg.Long("actual_duration"), leg.Long("planned_duration"), leg.Long("delay"), leg.Long("deviation"));

    /// <summary>Whether the leg from stop 2 to stop 3 made it; the leg from stop 1 to stop 2 always does.</summary>
    private static void AssertStretchKept(TestPond pond, bool kept)
    {
        var legs = pond.Legs();
        Assert.Contains(legs, l => l.Text("from_stop_id") == "NSR:StopPlace:1");
        Assert.Equal(kept, legs.Any(l => l.Text("from_stop_id") == "NSR:StopPlace:2" && l.Text("to_stop_id") == "NSR:StopPlace:3"));
    }
}
