using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>data-model.md section 3, clean arrivals. Stops 1-4 lie 1 km apart; calls are 10 minutes apart as planned.</summary>
public sealed class CleanArrivalsTests
{
    private static readonly DateOnly Day = new(2025, 3, 4);
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 7, 0, 0, TimeSpan.Zero);

    private static TestPond Pond() => new TestPond().StopsInALine(1, 4);

    /// <summary>A journey calling at the given quays 10 minutes apart as planned, each call the given seconds late.</summary>
    private static IReadOnlyList<Call> Journey(string id, params (string Stop, int Delay)[] calls)
    {
        var journey = new JourneyBuilder(Day, id, Start);
        for (var i = 0; i < calls.Length; i++)
        {
            journey.At(calls[i].Stop, 10 * i, calls[i].Delay);
        }
        return journey.Calls();
    }

    private static List<long> KeptSequenceNrs(TestPond pond) =>
        pond.CleanCalls(Day).Select(c => c.Long("sequenceNr")).ToList();

    [Fact]
    public void Only_the_first_call_per_stop_point_is_kept_a_repeat_with_a_higher_sequenceNr_is_dropped()
    {
        using var pond = Pond();
        var calls = new JourneyBuilder(Day, "J1", Start)
            .At("NSR:Quay:1", 0).At("NSR:Quay:2", 2).At("NSR:Quay:3", 4).At("NSR:Quay:2", 6).At("NSR:Quay:4", 8).Calls();
        // Stored last call first, so file order does not happen to pick the right one.
        pond.Add(calls.Reverse()).Write();

        pond.Derive();

        var legs = pond.Legs();
        Assert.Equal(
            [("NSR:StopPlace:1", "NSR:StopPlace:2"), ("NSR:StopPlace:2", "NSR:StopPlace:3"), ("NSR:StopPlace:3", "NSR:StopPlace:4")],
            legs.Select(l => (l.Text("from_stop_id"), l.Text("to_stop_id"))));
        Assert.Equal([1L, 2L, 3L], legs.Select(l => l.Long("sequenceNr")));
    }

    [Theory]
    [InlineData(nameof(Call.ExtraCall))]
    [InlineData(nameof(Call.Estimated))]
    [InlineData(nameof(Call.JourneyCancellation))]
    [InlineData(nameof(Call.StopCancellation))]
    public void A_flag_on_the_last_call_drops_the_whole_journey_including_the_calls_before_it(string flag)
    {
        using var pond = Pond();
        var flagged = Journey("J-flagged", ("NSR:Quay:1", 0), ("NSR:Quay:2", 0), ("NSR:Quay:3", 0), ("NSR:Quay:4", 0)).ToList();
        flagged[^1] = flag switch
        {
            nameof(Call.ExtraCall) => flagged[^1] with { ExtraCall = true },
            nameof(Call.Estimated) => flagged[^1] with { Estimated = true },
            nameof(Call.JourneyCancellation) => flagged[^1] with { JourneyCancellation = true },
            nameof(Call.StopCancellation) => flagged[^1] with { StopCancellation = true },
            _ => throw new ArgumentOutOfRangeException(nameof(flag)),
        };
        pond.Add(flagged)
            .Add(Journey("J-clean", ("NSR:Quay:1", 0), ("NSR:Quay:2", 0), ("NSR:Quay:3", 0), ("NSR:Quay:4", 0)))
            .Write();

        pond.Derive();

        Assert.DoesNotContain(pond.CleanCalls(Day), c => c.Text("serviceJourneyId") == "J-flagged");
        var legs = pond.Legs();
        Assert.Equal(3, legs.Count);
        Assert.All(legs, l => Assert.Equal("J-clean", l.Text("serviceJourneyId")));
    }

    [Fact]
    public void Unset_flags_do_not_flag_a_journey()
    {
        using var pond = Pond();
        pond.Add(Journey("J1", ("NSR:Quay:1", 0), ("NSR:Quay:2", 0))
                .Select(c => c with { ExtraCall = null, Estimated = null, JourneyCancellation = null, StopCancellation = null }))
            .Write();

        Assert.Equal([1L, 2L], KeptSequenceNrs(pond));
    }

    [Theory]
    [InlineData(5000, -2200, true)]
    [InlineData(5000, -2201, false)]
    [InlineData(-4000, 3200, true)]
    [InlineData(-4000, 3201, false)]
    public void A_call_is_dropped_when_actual_and_planned_time_since_the_previous_call_differ_by_more_than_7200_s(
        int previousDelay, int delay, bool kept)
    {
        using var pond = Pond();
        pond.Add(Journey("J1", ("NSR:Quay:1", 0), ("NSR:Quay:2", previousDelay), ("NSR:Quay:3", delay), ("NSR:Quay:4", delay)))
            .Write();

        // The fourth call is measured against the third as recorded, so it stays either way.
        Assert.Equal(kept ? [1L, 2L, 3L, 4L] : [1L, 2L, 4L], KeptSequenceNrs(pond));
    }

    [Fact]
    public void Time_since_the_previous_call_counts_from_its_arrival_not_its_departure()
    {
        using var pond = Pond();
        // Stop 2 is reached 4000 s early and left 3000 s late; stop 3 is reached 3300 s late. From the
        // arrival at stop 2 that is 7300 s more than planned; from its departure only 300 s.
        pond.Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0)
                .At("NSR:Quay:2", 10, -4000, c => c with { DepartureTime = c.AimedDepartureTime!.Value.AddSeconds(3000) })
                .At("NSR:Quay:3", 20, 3300)
                .Calls())
            .Write();

        Assert.Equal([1L, 2L], KeptSequenceNrs(pond));
    }

    [Theory]
    [InlineData("unknown stop")]
    [InlineData("repeated stop")]
    [InlineData("own jump")]
    public void The_previous_call_is_the_one_recorded_before_any_call_is_dropped(string whyTheMiddleCallGoes)
    {
        using var pond = Pond();
        // The third call is in step with the dropped second call, so it stays; measured from the first
        // call, the one that survives before it, it would be 8000 s out of step and go.
        (string Stop, int Delay)[] calls = whyTheMiddleCallGoes switch
        {
            "unknown stop" => [("NSR:Quay:1", -4000), ("NSR:Quay:999", 4000), ("NSR:Quay:3", 4000)],
            "repeated stop" => [("NSR:Quay:1", -4000), ("NSR:Quay:1", 4000), ("NSR:Quay:3", 4000)],
            "own jump" => [("NSR:Quay:1", -4000), ("NSR:Quay:2", 4000), ("NSR:Quay:3", 4000)],
            _ => throw new ArgumentOutOfRangeException(nameof(whyTheMiddleCallGoes)),
        };
        pond.Add(Journey("J1", calls)).Write();

        Assert.Equal([1L, 3L], KeptSequenceNrs(pond));
    }

    [Theory]
    [InlineData(null, 120, true)]
    [InlineData(null, 7201, false)]
    [InlineData(120, null, true)]
    [InlineData(7201, null, false)]
    public void A_time_since_the_previous_call_that_cannot_be_computed_counts_as_0(int? plannedSeconds, int? actualSeconds, bool kept)
    {
        using var pond = Pond();
        pond.Add(Journey("J1", ("NSR:Quay:1", 0))[0])
            .Add(new Call
            {
                OperatingDate = Day,
                ServiceJourneyId = "J1",
                StopPointRef = "NSR:Quay:2",
                SequenceNr = 2,
                AimedArrivalTime = plannedSeconds is { } planned ? Start.AddSeconds(planned) : null,
                ArrivalTime = actualSeconds is { } actual ? Start.AddSeconds(actual) : null,
            })
            .Write();

        Assert.Equal(kept ? [1L, 2L] : [1L], KeptSequenceNrs(pond));
    }

    [Theory]
    [InlineData(7199, true)]
    [InlineData(7200, false)]
    [InlineData(-7199, true)]
    [InlineData(-7200, false)]
    public void A_call_is_dropped_when_its_delay_is_7200_s_or_more_either_way(int delay, bool kept)
    {
        using var pond = Pond();
        pond.Add(Journey("J1", ("NSR:Quay:1", 0), ("NSR:Quay:2", delay))).Write();

        Assert.Equal(kept ? [1L, 2L] : [1L], KeptSequenceNrs(pond));
    }

    [Fact]
    public void Delay_is_measured_on_arrival_times_and_on_departure_times_when_arrival_times_are_missing()
    {
        using var pond = Pond();
        pond.Add(new JourneyBuilder(Day, "J1", Start)
                .At("NSR:Quay:1", 0, 300)
                .At("NSR:Quay:2", 10, 60, c => c with { DepartureTime = c.AimedDepartureTime!.Value.AddSeconds(400) })
                .At("NSR:Quay:3", 20, 500, c => c with { AimedArrivalTime = null, ArrivalTime = null })
                .At("NSR:Quay:4", 30, 45)
                .Calls())
            .Write();

        Assert.Equal([300.0, 60.0, 500.0, 45.0], pond.CleanCalls(Day).Select(c => c.Double("delay")));
    }

    [Fact]
    public void A_first_call_departing_two_hours_late_is_dropped_by_its_departure_delay()
    {
        using var pond = Pond();
        // The second call is 7000 s late: 200 s less than the first, so in step with it.
        pond.Add(Journey("J1", ("NSR:Quay:1", 7200), ("NSR:Quay:2", 7000))).Write();

        Assert.Equal([2L], KeptSequenceNrs(pond));
    }
}
