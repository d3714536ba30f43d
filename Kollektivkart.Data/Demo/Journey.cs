namespace Kollektivkart.Data.Demo;

/// <summary>One service journey of an operating day as its calls will be written: a reused buffer, not kept.</summary>
internal sealed class Journey
{
    public string LineRef { get; set; } = "";
    public string DirectionRef { get; set; } = "";
    public string ServiceJourneyId { get; set; } = "";
    public string OperatorRef { get; set; } = "";
    public string OriginName { get; set; } = "";
    public string DestinationName { get; set; } = "";
    public string DataSource { get; set; } = "";
    public string DataSourceName { get; set; } = "";
    public DateOnly OperatingDate { get; set; }
    public bool ExtraJourney { get; set; }
    public bool Cancelled { get; set; }
    public Call[] Calls { get; private set; } = new Call[64];
    public int CallCount { get; set; }

    public ref Call NextCall()
    {
        if (CallCount == Calls.Length)
        {
            var calls = Calls;
            Array.Resize(ref calls, calls.Length * 2);
            Calls = calls;
        }
        return ref Calls[CallCount++];
    }
}

/// <summary>A stop call. Times are Unix seconds (UTC); <see cref="NoTime"/> stands for null.</summary>
internal struct Call
{
    public const long NoTime = long.MinValue;

    public string StopPointRef;
    public long SequenceNr;
    public long AimedArrival;
    public long Arrival;
    public long AimedDeparture;
    public long Departure;
    public long RecordedAt;
    public bool ExtraCall;
    public bool StopCancellation;
    public bool Estimated;
}
