using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// data-model.md section 9, rule by rule, with exact numbers: each case builds journeys from Stop 1 to Stop 2 (so each
/// has one planned departure, at Stop 1, and one final arrival, at Stop 2) on a Wednesday in February 2025, runs the
/// nightly derivation and reads the day's classified departures, the month's groups and stats.db.
/// </summary>
public sealed class PunctualityTests
{
    private static readonly DateOnly Wednesday = new(2025, 2, 5);

    /// <summary>A journey from Stop 1 (leaving at 12:00 Oslo plus <paramref name="index"/> minutes) to Stop 2, 10 minutes on.</summary>
    private static JourneyBuilder Journey(int index, DateOnly? day = null, string line = "RUT:Line:1", TimeSpan? at = null) =>
        new(day ?? Wednesday, $"J-{line}-{index}", Journeys.Local(day ?? Wednesday, at ?? new TimeSpan(12, index % 60, 0))) { LineRef = line };

    /// <summary>A journey whose departure from Stop 1 is <paramref name="departureDelay"/> late (negative: early).</summary>
    private static IReadOnlyList<Call> Departing(int index, int departureDelay, Func<Call, Call>? tweak = null) =>
        Journey(index).At("NSR:Quay:1", 0, departureDelay, tweak).At("NSR:Quay:2", 10, departureDelay).Calls();

    /// <summary>A journey arriving at its final stop, Stop 2, <paramref name="arrivalDelay"/> late.</summary>
    private static IReadOnlyList<Call> Arriving(int index, int arrivalDelay, Func<Call, Call>? tweak = null) =>
        Journey(index).At("NSR:Quay:1", 0).At("NSR:Quay:2", 10, arrivalDelay, tweak).Calls();

    private static TestPond Derived(params IEnumerable<Call>[] journeys)
    {
        var pond = new TestPond();
        pond.StopsInALine(1, 3);
        foreach (var calls in journeys)
        {
            pond.Add(calls);
        }
        pond.Write().Derive();
        return pond;
    }

    private static List<Dictionary<string, object?>> DeparturesOf(TestPond pond) =>
        pond.Departures().Where(r => r.Text("kind") == "departure").ToList();

    /// <summary>The month's group of one grain for the whole day of a day type (the first such row).</summary>
    private static Dictionary<string, object?> WholeDay(TestPond pond, string grain, string dayType = "weekday", string? stopId = "NSR:StopPlace:1") =>
        pond.Punctuality().First(r => r.Text("grain") == grain && r.Text("day_type") == dayType && r["hour"] is null
            && (grain is "operator" or "line" || r.Text("stop_id") == stopId));

    private static (long Early, long OnTime, long Late, long VeryLate) Bands(Dictionary<string, object?> group) =>
        (group.Long("early"), group.Long("on_time"), group.Long("late"), group.Long("very_late"));

    [Fact]
    public void Each_band_boundary_falls_where_section_9_puts_it()
    {
        int[] delays = [-61, -60, 180, 181, 300, 301];
        using var pond = Derived(delays.Select((d, i) => Departing(i, d)).ToArray());

        var departures = DeparturesOf(pond);
        Assert.Equal(delays.Order(), departures.Select(r => r.Long("delay")).Order().Select(d => (int)d));
        var stop = WholeDay(pond, "stop");
        // -61 early; -60 and 180 on time; 181 and 300 late; 301 very late.
        Assert.Equal((1L, 2L, 2L, 1L), Bands(stop));
        Assert.Equal(6L, stop.Long("observed"));
    }

    [Fact]
    public void A_cancelled_journey_cancels_every_departure_and_a_cancelled_call_only_its_own()
    {
        using var pond = Derived(
            // Cancelled on its last call only: both of its departures (Stop 1 and Stop 2) count as cancelled.
            Journey(0).At("NSR:Quay:1", 0).At("NSR:Quay:2", 10).At("NSR:Quay:3", 20, tweak: c => c with { JourneyCancellation = true }).Calls(),
            // Stop 2's call cancelled: Stop 1's departure still observed.
            Journey(1).At("NSR:Quay:1", 0).At("NSR:Quay:2", 10, tweak: c => c with { StopCancellation = true }).At("NSR:Quay:3", 20).Calls());

        var statuses = DeparturesOf(pond).OrderBy(r => r.Text("stop_id")).ThenBy(r => r.Text("status"))
            .Select(r => (r.Text("stop_id"), r.Text("status"))).ToList();
        Assert.Equal(
            [("NSR:StopPlace:1", "cancelled"), ("NSR:StopPlace:1", "observed"), ("NSR:StopPlace:2", "cancelled"), ("NSR:StopPlace:2", "cancelled")],
            statuses);
        var line = WholeDay(pond, "line");
        Assert.Equal(4L, line.Long("planned"));
        Assert.Equal(3L, line.Long("cancelled"));
        Assert.Equal(1L, line.Long("observed"));
        Assert.Equal(1L, line.Long("journeys_cancelled"));
    }

    [Fact]
    public void Estimated_missing_and_two_hours_off_are_unknown_and_7199_seconds_is_very_late()
    {
        using var pond = Derived(
            Departing(0, 30, c => c with { Estimated = true }),
            Departing(1, 30, c => c with { DepartureTime = null }),
            Departing(2, 7200),
            Departing(3, -7200),
            Departing(4, 7199));

        var stop = WholeDay(pond, "stop");
        Assert.Equal(5L, stop.Long("planned"));
        Assert.Equal(4L, stop.Long("unknown"));
        Assert.Equal(1L, stop.Long("observed"));
        Assert.Equal(1L, stop.Long("very_late"));
        Assert.Equal(0L, stop.Long("cancelled"));
    }

    [Fact]
    public void Extra_calls_and_extra_journeys_are_not_in_the_timetable()
    {
        using var pond = Derived(
            Departing(0, 0),
            Departing(1, 0, c => c with { ExtraCall = true }),
            // Flagged on its last call only: the whole journey is left out.
            Journey(2).At("NSR:Quay:1", 0).At("NSR:Quay:2", 10, tweak: c => c with { ExtraJourney = true }).Calls());

        var stop = WholeDay(pond, "stop");
        Assert.Equal(1L, stop.Long("planned"));
        // The extra call's journey still arrives at its final stop; the extra journey does not.
        Assert.Equal(2, pond.Departures().Count(r => r.Text("kind") == "arrival"));
    }

    [Fact]
    public void A_duplicated_call_counts_once_by_its_first_sequence_number()
    {
        var calls = Departing(0, 400).ToList();
        // The same stop again later in the journey, on time: the first call (400 s late) is the one kept.
        calls.Insert(1, calls[0] with { SequenceNr = 2, DepartureTime = calls[0].AimedDepartureTime });
        calls[2] = calls[2] with { SequenceNr = 3 };
        using var pond = Derived(calls);

        var stop = WholeDay(pond, "stop");
        Assert.Equal(1L, stop.Long("planned"));
        Assert.Equal(1L, stop.Long("very_late"));
    }

    [Fact]
    public void Final_arrivals_within_3_59_and_5_59_by_the_second_and_cancelled_journeys_apart()
    {
        using var pond = Derived(
            Arriving(0, 239), Arriving(1, 240), Arriving(2, 359), Arriving(3, 360),
            Arriving(4, 0, c => c with { JourneyCancellation = true }),
            Arriving(5, 0, c => c with { Estimated = true }));

        var line = WholeDay(pond, "line");
        Assert.Equal(4L, line.Long("final_observed"));
        Assert.Equal(1L, line.Long("arrived_within_3_59"));
        Assert.Equal(3L, line.Long("arrived_within_5_59"));
        Assert.Equal(1L, line.Long("journeys_cancelled"));
        Assert.Equal(line.Long("final_observed"), WholeDay(pond, "operator").Long("final_observed"));
    }

    [Fact]
    public void Day_type_and_hour_come_from_the_timetable_across_midnight_into_a_holiday()
    {
        // Friday 16 May 2025's journey, planned from 23:50 to 00:10 on Saturday 17 May (Constitution Day: a Sunday timetable),
        // leaving Stop 1 and Stop 2 late enough to cross the hour: the planned hour counts, not the actual.
        var friday = new DateOnly(2025, 5, 16);
        var calls = new JourneyBuilder(friday, "night", Journeys.Local(friday, new TimeSpan(23, 50, 0)))
            .At("NSR:Quay:1", 0, 900).At("NSR:Quay:2", 20, 120).At("NSR:Quay:3", 30).Calls();
        using var pond = Derived(calls);

        var keys = DeparturesOf(pond).OrderBy(r => r.Text("stop_id"))
            .Select(r => (r.Text("stop_id"), r.Text("day_type"), r.Long("hour"))).ToList();
        Assert.Equal([("NSR:StopPlace:1", "weekday", 23L), ("NSR:StopPlace:2", "sunday", 0L)], keys);
        // The month is the operating date's, May, for both.
        Assert.All(pond.Punctuality(), r => Assert.Equal(new DateOnly(2025, 5, 1), r.Date("month")));
        var arrival = pond.Departures().Single(r => r.Text("kind") == "arrival");
        Assert.Equal(("sunday", 0L), (arrival.Text("day_type"), arrival.Long("hour")));
    }

    [Fact]
    public void Below_20_observed_the_published_percentiles_are_null_and_from_20_they_are_given()
    {
        using var pond = Derived(
            Enumerable.Range(0, 19).Select(i => Departing(i, 30)).Concat(
            Enumerable.Range(0, 20).Select(i => Journey(i, line: "RUT:Line:2").At("NSR:Quay:1", 0, 60).At("NSR:Quay:2", 10).Calls()))
            .ToArray());

        using var db = pond.OpenStatsDatabase();
        var lines = PunctualityQueries.Lines(db, "RUT", new DateOnly(2025, 2, 1), DayType.Weekday, null).ToDictionary(l => l.LineRef);
        Assert.False(lines["RUT:Line:1"].Figures.Shown);
        Assert.Null(lines["RUT:Line:1"].Figures.MedianDelay);
        Assert.Null(lines["RUT:Line:1"].Figures.OnTimeShare);
        Assert.Equal(19, lines["RUT:Line:1"].Figures.Observed);
        Assert.True(lines["RUT:Line:2"].Figures.Shown);
        Assert.Equal(60, lines["RUT:Line:2"].Figures.MedianDelay);
        Assert.Equal(1.0, lines["RUT:Line:2"].Figures.OnTimeShare);
        // The pond keeps the month's percentiles whatever the count: only what the site reads hides them.
        Assert.Equal(30L, WholeDay(pond, "line").Long("median_delay"));
    }

    [Fact]
    public void The_worked_example_of_section_9()
    {
        // One stop, one hour: 30 planned; 2 cancelled; 3 unknown; 25 observed: one 75 s early, 21 on time, 2 at 240 s, one at 420 s.
        var journeys = new List<IReadOnlyList<Call>>();
        var i = 0;
        journeys.AddRange(Enumerable.Range(0, 2).Select(_ => Departing(i++, 0, c => c with { StopCancellation = true })));
        journeys.AddRange(Enumerable.Range(0, 3).Select(_ => Departing(i++, 0, c => c with { Estimated = true })));
        journeys.Add(Departing(i++, -75));
        journeys.AddRange(Enumerable.Range(0, 21).Select(k => Departing(i++, -60 + 10 * k)));
        journeys.AddRange(Enumerable.Range(0, 2).Select(_ => Departing(i++, 240)));
        journeys.Add(Departing(i++, 420));
        using var pond = Derived([.. journeys]);

        using var db = pond.OpenStatsDatabase();
        var stop = PunctualityQueries.StopHours(db, "NSR:StopPlace:1", new DateOnly(2025, 2, 1))
            .Single(s => s.DayType == DayType.Weekday && s.Hour == 12).Figures;
        Assert.Equal(new PunctualityFigures(30, 2, 25, 3, 1, 21, 2, 1, stop.MedianDelay, stop.P90Delay), stop);
        Assert.Equal(0.84, stop.OnTimeShare!.Value, 10);
        Assert.Equal(2.0 / 27, stop.CancelledShare!.Value, 10);
        // Sorted: -75, -60, -50, ..., 140, 240, 240, 420. The 13th of 25 (the median) is 50; the 23rd (90th percentile) 240.
        Assert.Equal((50, 240), (stop.MedianDelay, stop.P90Delay));
    }
}
