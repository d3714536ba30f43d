namespace Kollektivkart.Data.Raw;

/// <summary>
/// The raw columns the derivations read, per raw table of raw_schema.sql: what stop_lookup.sql reads of
/// stops and quays, and what clean_calls.sql and datasources.sql read of arrivals (operatingDate is the
/// partition's folder, not a stored column). The BigQuery sync fails a night when one of these is missing
/// or cannot be converted, and lets every other column drift. RawColumnsTests proves the list against the SQL.
/// </summary>
public static class RawColumns
{
    private static readonly Dictionary<string, HashSet<string>> Read = new(StringComparer.Ordinal)
    {
        ["arrivals"] = new(StringComparer.OrdinalIgnoreCase)
        {
            "serviceJourneyId", "lineRef", "directionRef", "dataSource", "dataSourceName", "stopPointRef", "sequenceNr",
            "recordedAtTime", "aimedArrivalTime", "arrivalTime", "aimedDepartureTime", "departureTime",
            "extraCall", "extraJourney", "estimated", "journeyCancellation", "stopCancellation",
        },
        ["stops"] = new(StringComparer.OrdinalIgnoreCase) { "id", "version", "name", "location_latitude", "location_longitude" },
        ["quays"] = new(StringComparer.OrdinalIgnoreCase) { "id", "version", "name", "location_latitude", "location_longitude", "stopPlaceRef" },
    };

    /// <summary>The columns of <paramref name="table"/> the derivations read; none for a table that is not raw.</summary>
    public static IReadOnlySet<string> ReadBy(string table) =>
        Read.TryGetValue(table, out var columns) ? columns : new HashSet<string>();
}
