using DuckDB.NET.Data;

namespace Kollektivkart.Data.Demo;

/// <summary>Appends calls in raw_schema.sql's column order; closing the appender (end of a batch) hands the rows to the table.</summary>
internal sealed class ArrivalsAppender(DuckDBConnection connection) : IDisposable
{
    private DuckDBAppender? _appender;

    public int BatchRows { get; private set; }

    public void Append(Journey journey)
    {
        _appender ??= connection.CreateAppender("arrivals");
        for (var i = 0; i < journey.CallCount; i++)
        {
            ref readonly var call = ref journey.Calls[i];
            _appender.CreateRow()
                .AppendValue(Utc(call.RecordedAt))
                .AppendValue(journey.LineRef)
                .AppendValue(journey.DirectionRef)
                .AppendValue(journey.OperatingDate)
                .AppendValue(journey.ServiceJourneyId)
                .AppendValue(journey.OperatorRef)
                .AppendValue(journey.ExtraJourney)
                .AppendValue(journey.Cancelled)
                .AppendValue(call.StopPointRef)
                .AppendValue(call.SequenceNr)
                .AppendValue(journey.OriginName)
                .AppendValue(journey.DestinationName)
                .AppendValue(call.ExtraCall)
                .AppendValue(call.StopCancellation)
                .AppendValue(Utc(call.AimedArrival))
                .AppendValue(Utc(call.Arrival))
                .AppendValue(Utc(call.AimedDeparture))
                .AppendValue(Utc(call.Departure))
                .AppendValue(journey.DataSource)
                .AppendValue(journey.DataSourceName)
                .AppendValue(call.Estimated)
                .EndRow();
        }
        BatchRows += journey.CallCount;
    }

    public void EndBatch()
    {
        _appender?.Dispose();
        _appender = null;
        BatchRows = 0;
    }

    public void Dispose() => _appender?.Dispose();

    private static DateTime? Utc(long unixSeconds) =>
        unixSeconds == Call.NoTime
            ? null
            : new DateTime(DateTime.UnixEpoch.Ticks + unixSeconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
