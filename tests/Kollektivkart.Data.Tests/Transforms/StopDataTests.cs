using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>data-model.md section 3, stop data: every call maps to exactly one stop place.</summary>
public sealed class StopDataTests
{
    private static readonly DateOnly Day = new(2025, 3, 4);
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 7, 0, 0, TimeSpan.Zero);
    private static readonly double NorthLat = Geo.NorthOf(Geo.OsloLat, 1000);
    private static readonly double FarNorthLat = Geo.NorthOf(Geo.OsloLat, 2000);

    [Fact]
    public void A_call_at_a_quay_maps_to_that_quays_stop_place()
    {
        using var pond = new TestPond();
        pond.StopPlace("NSR:StopPlace:10", "Storo", Geo.OsloLat, Geo.OsloLon)
            .Quay("NSR:Quay:101", "NSR:StopPlace:10")
            .Quay("NSR:Quay:102", "NSR:StopPlace:10")
            .StopPlace("NSR:StopPlace:20", "Grefsen", NorthLat, Geo.OsloLon)
            .Quay("NSR:Quay:201", "NSR:StopPlace:20")
            .Add(new JourneyBuilder(Day, "J1", Start).At("NSR:Quay:102", 0).At("NSR:Quay:201", 2).Calls())
            .Write();

        pond.Derive();

        var leg = Assert.Single(pond.Legs());
        Assert.Equal("NSR:StopPlace:10", leg.Text("from_stop_id"));
        Assert.Equal("NSR:StopPlace:20", leg.Text("to_stop_id"));
    }

    [Fact]
    public void A_call_at_a_stop_place_with_three_quays_maps_to_it_once_not_once_per_quay()
    {
        using var pond = new TestPond();
        pond.StopPlace("NSR:StopPlace:10", "Storo", Geo.OsloLat, Geo.OsloLon)
            .Quay("NSR:Quay:101", "NSR:StopPlace:10").Quay("NSR:Quay:102", "NSR:StopPlace:10").Quay("NSR:Quay:103", "NSR:StopPlace:10")
            .Stop(20, "Grefsen", NorthLat, Geo.OsloLon)
            .StopPlace("NSR:StopPlace:30", "Kjelsås", FarNorthLat, Geo.OsloLon)
            .Quay("NSR:Quay:301", "NSR:StopPlace:30").Quay("NSR:Quay:302", "NSR:StopPlace:30").Quay("NSR:Quay:303", "NSR:StopPlace:30")
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:StopPlace:10", 0).At("NSR:Quay:20", 2).At("NSR:StopPlace:30", 4).Calls())
            .Write();

        var calls = pond.CleanCalls(Day);
        pond.Derive();

        Assert.Equal(["NSR:StopPlace:10", "NSR:StopPlace:20", "NSR:StopPlace:30"], calls.Select(c => c.Text("stop_id")));
        Assert.Equal(
            [("NSR:StopPlace:10", "NSR:StopPlace:20"), ("NSR:StopPlace:20", "NSR:StopPlace:30")],
            pond.Legs().Select(l => (l.Text("from_stop_id"), l.Text("to_stop_id"))));
    }

    [Theory]
    [InlineData("NSR:Quay:101", "NSR:Quay:201")]
    [InlineData("NSR:StopPlace:10", "NSR:StopPlace:20")]
    public void The_stop_places_name_and_position_win_over_the_quays(string fromRef, string toRef)
    {
        using var pond = new TestPond();
        pond.StopPlace("NSR:StopPlace:10", "Storo", Geo.OsloLat, Geo.OsloLon)
            .Quay("NSR:Quay:101", "NSR:StopPlace:10", "Storo spor 1", Geo.OsloLat + 0.001, Geo.OsloLon + 0.001)
            .StopPlace("NSR:StopPlace:20", "Grefsen", NorthLat, Geo.OsloLon)
            .Quay("NSR:Quay:201", "NSR:StopPlace:20", "Grefsen spor 2", NorthLat + 0.001, Geo.OsloLon + 0.001)
            .Add(new JourneyBuilder(Day, "J1", Start).At(fromRef, 0).At(toRef, 2).Calls())
            .Write();

        pond.Derive();

        var leg = Assert.Single(pond.Legs());
        Assert.Equal(("Storo", Geo.OsloLat, Geo.OsloLon), (leg.Text("from_stop"), leg.Double("from_lat"), leg.Double("from_lon")));
        Assert.Equal(("Grefsen", NorthLat, Geo.OsloLon), (leg.Text("to_stop"), leg.Double("to_lat"), leg.Double("to_lon")));
    }

    [Theory]
    [InlineData("NSR:Quay:101", "NSR:Quay:201")]
    [InlineData("NSR:StopPlace:10", "NSR:StopPlace:20")]
    public void The_quays_name_and_position_fill_in_each_one_the_stop_place_lacks(string fromRef, string toRef)
    {
        using var pond = new TestPond();
        // Storo has a name but no position; Grefsen a position but no name.
        pond.StopPlace("NSR:StopPlace:10", "Storo", null, null)
            .Quay("NSR:Quay:101", "NSR:StopPlace:10", "Storo spor 1", Geo.OsloLat, Geo.OsloLon)
            .StopPlace("NSR:StopPlace:20", null, NorthLat, Geo.OsloLon)
            .Quay("NSR:Quay:201", "NSR:StopPlace:20", "Grefsen spor 2", NorthLat + 0.001, Geo.OsloLon + 0.001)
            .Add(new JourneyBuilder(Day, "J1", Start).At(fromRef, 0).At(toRef, 2).Calls())
            .Write();

        pond.Derive();

        var leg = Assert.Single(pond.Legs());
        Assert.Equal(("Storo", Geo.OsloLat, Geo.OsloLon), (leg.Text("from_stop"), leg.Double("from_lat"), leg.Double("from_lon")));
        Assert.Equal(("Grefsen spor 2", NorthLat, Geo.OsloLon), (leg.Text("to_stop"), leg.Double("to_lat"), leg.Double("to_lon")));
    }

    [Fact]
    public void Calls_at_stop_refs_in_neither_table_are_dropped()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2)
            .Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0).At("NSR:Quay:999", 1).At("NSR:StopPlace:999", 2).At("NSR:Quay:2", 3).Calls())
            .Write();

        var calls = pond.CleanCalls(Day);
        pond.Derive();

        Assert.Equal([1L, 4L], calls.Select(c => c.Long("sequenceNr")));
        var leg = Assert.Single(pond.Legs());
        Assert.Equal(("NSR:StopPlace:1", "NSR:StopPlace:2"), (leg.Text("from_stop_id"), leg.Text("to_stop_id")));
        Assert.Equal(180, leg.Long("actual_duration"));
    }
}
