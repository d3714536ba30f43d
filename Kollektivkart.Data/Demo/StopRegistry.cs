using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Data.Demo;

/// <summary>The Appender cannot write the STRUCT and LIST columns of stops: SQL builds them from a plain staging table.</summary>
internal static class StopRegistry
{
    public static void Fill(DuckDBConnection connection, Network network)
    {
        connection.Execute("""
            CREATE TEMP TABLE demo_stop_places (
                id VARCHAR, version VARCHAR, name VARCHAR, longitude DOUBLE, latitude DOUBLE,
                topographicPlaceRef VARCHAR, alias VARCHAR, tariffZone VARCHAR, fareZone VARCHAR, validFrom TIMESTAMPTZ, mode VARCHAR)
            """);
        using (var appender = connection.CreateAppender("demo_stop_places"))
        {
            foreach (var stop in network.StopPlaces)
            {
                var code = stop.Quays.Count > 0 ? OperatorCode(network, stop) : "";
                appender.CreateRow()
                    .AppendValue(stop.Id)
                    .AppendValue(stop.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .AppendValue(stop.Name)
                    .AppendValue(stop.HasCoordinates ? stop.Position.Longitude : (double?)null)
                    .AppendValue(stop.HasCoordinates ? stop.Position.Latitude : (double?)null)
                    .AppendValue(stop.City.TopographicPlaceRef)
                    .AppendValue(stop.AlternativeName)
                    .AppendValue($"{code}:TariffZone:{stop.TariffZone}")
                    .AppendValue($"{code}:FareZone:{stop.TariffZone}")
                    .AppendValue(stop.ValidFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
                    .AppendValue(stop.TransportMode)
                    .EndRow();
            }
        }
        connection.Execute("""
            INSERT INTO stops
            SELECT id, version, NULL, mode, name, NULL, NULL, longitude, latitude, topographicPlaceRef,
                CASE WHEN alias IS NULL THEN []
                     ELSE [{'lang': 'nor', 'nameType': 'alias', 'name': alias}] END,
                [tariffZone], [fareZone],
                {'fromDate': validFrom, 'toDate': NULL::TIMESTAMPTZ},
                NULL
            FROM demo_stop_places
            """);
        connection.Execute("DROP TABLE demo_stop_places");

        using var quays = connection.CreateAppender("quays");
        foreach (var quay in network.Quays)
        {
            quays.CreateRow()
                .AppendValue(quay.Id)
                .AppendValue(quay.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .AppendValue(quay.PublicCode)
                .AppendValue(quay.Named ? quay.StopPlace.Name : null)
                .AppendNullValue()
                .AppendNullValue()
                .AppendValue(quay.Position.Longitude)
                .AppendValue(quay.Position.Latitude)
                .AppendValue(quay.StopPlace.Id)
                .EndRow();
        }
    }

    private static string OperatorCode(Network network, StopPlace stop) =>
        network.Operators.First(op => op.Cities.Contains(stop.City)).Code;
}
