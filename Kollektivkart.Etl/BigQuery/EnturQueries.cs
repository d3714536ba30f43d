using Kollektivkart.Data.Pond;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// The three reads of Entur's public tables (data-model.md section 1). Each selects exactly the
/// columns of its raw table in raw_schema.sql; the tables are billed to the caller's project.
/// </summary>
internal static class EnturQueries
{
    public const string StopPlaces = """
        SELECT id, version, publicCode, transportMode, name, shortName, description,
            location_longitude, location_latitude, topographicPlaceRef,
            alternativeNames, tariffZoneRefs, fareZoneRefs, validBetween, parentRef
        FROM `ent-data-sharing-ext-prd.national_stop_registry.stop_places_last_version`
        """;

    public const string Quays = """
        SELECT id, version, publicCode, name, shortName, description,
            location_longitude, location_latitude, stopPlaceRef
        FROM `ent-data-sharing-ext-prd.national_stop_registry.quays_last_version`
        """;

    /// <summary>One operating day; the table is partitioned by operatingDate, so only that day is scanned and billed.</summary>
    public const string Arrivals = """
        SELECT recordedAtTime, lineRef, directionRef, operatingDate, serviceJourneyId, operatorRef,
            extraJourney, journeyCancellation, stopPointRef, sequenceNr, originName, destinationName,
            extraCall, stopCancellation, aimedArrivalTime, arrivalTime, aimedDepartureTime, departureTime,
            dataSource, dataSourceName, estimated
        FROM `ent-data-sharing-ext-prd.realtime_siri_et.realtime_siri_et_last_recorded`
        WHERE operatingDate = @operating_date
        """;

    public static QueryParameter OperatingDate(DateOnly day) => new("operating_date", "DATE", PondLayout.Format(day));
}
