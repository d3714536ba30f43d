using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

public sealed class SmokeTests
{
    [Fact]
    public void A_clean_journey_becomes_one_leg_per_pair_of_calls()
    {
        using var pond = new TestPond();
        var day = new DateOnly(2025, 3, 4);
        var start = new DateTimeOffset(2025, 3, 4, 7, 0, 0, TimeSpan.Zero);
        pond.Stop(1, "Jernbanetorget", 59.9110, 10.7500)
            .Stop(2, "Stortinget", 59.9130, 10.7400)
            .Stop(3, "Nationaltheatret", 59.9150, 10.7300)
            .Add(new JourneyBuilder(day, "RUT:ServiceJourney:1", start)
                .At("NSR:Quay:1", 0).At("NSR:Quay:2", 2, 30).At("NSR:Quay:3", 4, 90).Calls())
            .Write();

        pond.Derive();

        var legs = pond.Legs();
        Assert.Equal(2, legs.Count);
        Assert.Equal("NSR:StopPlace:1", legs[0]["from_stop_id"]);
        Assert.Equal("NSR:StopPlace:2", legs[0]["to_stop_id"]);
        Assert.Equal(150, legs[0]["actual_duration"]);
        Assert.Equal(120, legs[0]["planned_duration"]);
        Assert.Equal(30, legs[0]["delay"]);
        Assert.Equal(30, legs[0]["deviation"]);
        Assert.Equal(60, legs[1]["deviation"]);
        Assert.Equal(90, legs[1]["delay"]);
    }
}
