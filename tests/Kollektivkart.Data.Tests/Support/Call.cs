namespace Kollektivkart.Data.Tests.Support;

/// <summary>One raw stop call, with the columns the rules look at.</summary>
public sealed record Call
{
    public required DateOnly OperatingDate { get; init; }
    public required string ServiceJourneyId { get; init; }
    public required string StopPointRef { get; init; }
    public required long SequenceNr { get; init; }
    public string LineRef { get; init; } = "RUT:Line:1";
    public string DirectionRef { get; init; } = "Outbound";
    public string DataSource { get; init; } = "RUT";
    public string DataSourceName { get; init; } = "Ruter";
    public DateTimeOffset? AimedArrivalTime { get; init; }
    public DateTimeOffset? ArrivalTime { get; init; }
    public DateTimeOffset? AimedDepartureTime { get; init; }
    public DateTimeOffset? DepartureTime { get; init; }
    public bool? ExtraCall { get; init; } = false;
    public bool? ExtraJourney { get; init; } = false;
    public bool? Estimated { get; init; } = false;
    public bool? JourneyCancellation { get; init; } = false;
    public bool? StopCancellation { get; init; } = false;
}

/// <summary>
/// Builds a journey's calls from planned times and delays, the way most tests think of them:
/// stops at given minutes after the first departure, each arriving some seconds late.
/// </summary>
public sealed class JourneyBuilder(DateOnly operatingDate, string serviceJourneyId, DateTimeOffset firstDeparture)
{
    private readonly List<Call> _calls = [];

    public string LineRef { get; init; } = "RUT:Line:1";
    public string DirectionRef { get; init; } = "Outbound";
    public string DataSource { get; init; } = "RUT";

    /// <summary>A call at <paramref name="stopRef"/>, planned <paramref name="plannedMinutes"/> after the first departure, <paramref name="delaySeconds"/> late.</summary>
    public JourneyBuilder At(string stopRef, double plannedMinutes, int delaySeconds = 0, Func<Call, Call>? tweak = null) =>
        At(stopRef, TimeSpan.FromMinutes(plannedMinutes), delaySeconds, tweak);

    /// <summary>A call at <paramref name="stopRef"/>, planned <paramref name="planned"/> after the first departure, <paramref name="delaySeconds"/> late.</summary>
    public JourneyBuilder At(string stopRef, TimeSpan planned, int delaySeconds = 0, Func<Call, Call>? tweak = null)
    {
        var aimed = firstDeparture.Add(planned);
        var actual = aimed.AddSeconds(delaySeconds);
        var first = _calls.Count == 0;
        var call = new Call
        {
            OperatingDate = operatingDate,
            ServiceJourneyId = serviceJourneyId,
            StopPointRef = stopRef,
            SequenceNr = _calls.Count + 1,
            LineRef = LineRef,
            DirectionRef = DirectionRef,
            DataSource = DataSource,
            AimedArrivalTime = first ? null : aimed,
            ArrivalTime = first ? null : actual,
            AimedDepartureTime = aimed,
            DepartureTime = actual,
        };
        _calls.Add(tweak is null ? call : tweak(call));
        return this;
    }

    /// <summary>The calls, with the last one's departure removed as in real data.</summary>
    public IReadOnlyList<Call> Calls()
    {
        var calls = _calls.ToList();
        if (calls.Count > 1)
        {
            calls[^1] = calls[^1] with { AimedDepartureTime = null, DepartureTime = null };
        }
        return calls;
    }
}
