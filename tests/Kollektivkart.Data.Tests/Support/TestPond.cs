using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Raw;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Support;

/// <summary>
/// A pond in a temporary folder, filled from hand-built stop places, quays and calls, so each test
/// states exactly the rows a rule applies to. Deleted on dispose.
/// </summary>
public sealed class TestPond : IDisposable
{
    private readonly DuckDBConnection _raw = DuckDbConnections.OpenInMemory();
    private readonly List<Call> _calls = [];
    private readonly TempFolder _folder = new();

    public TestPond()
    {
        Root = _folder.Path;
        Pond = LocalPond.Open(Root, create: true);
        RawDatasets.CreateTables(_raw);
    }

    public string Root { get; }

    public LocalPond Pond { get; }

    /// <summary>A stop place; a higher <paramref name="version"/> of an id written later renames or moves it.</summary>
    public TestPond StopPlace(string id, string? name, double? lat, double? lon, int version = 1)
    {
        _raw.Execute(
            "INSERT INTO stops (id, version, name, location_latitude, location_longitude) VALUES ($id, $version::VARCHAR, $name, $lat, $lon)",
            ("id", id), ("version", version), ("name", name), ("lat", lat), ("lon", lon));
        return this;
    }

    public TestPond Quay(string id, string stopPlaceRef, string? name = null, double? lat = null, double? lon = null)
    {
        _raw.Execute(
            "INSERT INTO quays (id, version, name, location_latitude, location_longitude, stopPlaceRef) VALUES ($id, '1', $name, $lat, $lon, $ref)",
            ("id", id), ("name", name), ("lat", lat), ("lon", lon), ("ref", stopPlaceRef));
        return this;
    }

    /// <summary>A stop place with one quay (<c>NSR:Quay:{n}</c> for <c>NSR:StopPlace:{n}</c>).</summary>
    public TestPond Stop(int n, string name, double lat, double lon) =>
        StopPlace($"NSR:StopPlace:{n}", name, lat, lon).Quay($"NSR:Quay:{n}", $"NSR:StopPlace:{n}", name, lat, lon);

    /// <summary>
    /// Stops <paramref name="first"/> to <paramref name="last"/> (each <see cref="Stop"/>, named <c>Stop {n}</c>) in a line
    /// northwards from Oslo S, <paramref name="spacingMeters"/> apart.
    /// </summary>
    public TestPond StopsInALine(int first, int last, double spacingMeters = 1000)
    {
        for (var n = first; n <= last; n++)
        {
            Stop(n, $"Stop {n}", Geo.NorthOf(Geo.OsloLat, (n - first) * spacingMeters), Geo.OsloLon);
        }
        return this;
    }

    public TestPond Add(params Call[] calls)
    {
        _calls.AddRange(calls);
        return this;
    }

    public TestPond Add(IEnumerable<Call> calls)
    {
        _calls.AddRange(calls);
        return this;
    }

    /// <summary>Writes stops, quays and every operating day's calls to the pond.</summary>
    public TestPond Write()
    {
        RawDatasets.WriteStopsAndQuays(_raw, Pond);
        foreach (var day in _calls.GroupBy(c => c.OperatingDate))
        {
            using var writer = RawDatasets.BeginArrivalsDay(_raw, Pond, day.Key);
            foreach (var call in day)
            {
                Insert(call);
            }
            writer.Commit();
        }
        _calls.Clear();
        return this;
    }

    public RunReport Derive(RunOptions? options = null, IProgress<RunProgress>? progress = null) =>
        new Derivation(Pond, options ?? new RunOptions(new DateOnly(2000, 1, 1)), NullLogger.Instance, progress).Run();

    /// <summary>Rows of a query over the pond, as dictionaries. Use $root for the pond folder.</summary>
    public List<Dictionary<string, object?>> Query(string sql, params (string, object?)[] parameters)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("SET VARIABLE root = $root", ("root", Root));
        return Rows(connection, sql, parameters);
    }

    /// <summary>
    /// One operating day's clean calls as the derivation leaves them, ordered by journey and sequenceNr.
    /// For rules that act on calls.
    /// </summary>
    public List<Dictionary<string, object?>> CleanCalls(DateOnly day)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        Derivation.CreateStopLookup(connection, Pond);
        Derivation.CreateCleanCalls(connection, Pond, day);
        return Rows(connection, "FROM clean_calls ORDER BY serviceJourneyId, sequenceNr");
    }

    /// <summary>The published stats.db, opened as the site opens it.</summary>
    public StatsDatabase OpenStatsDatabase() => StatsDatabase.Open(Path.Combine(Root, PondLayout.StatsDb));

    /// <summary>Rows of a query on the published stats.db, opened read-only as the site opens it.</summary>
    public List<Dictionary<string, object?>> StatsDb(string sql)
    {
        using var connection = DuckDbConnections.Open(Path.Combine(Root, PondLayout.StatsDb), readOnly: true);
        return Rows(connection, sql);
    }

    private static List<Dictionary<string, object?>> Rows(DuckDBConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var reader = connection.Query(sql, parameters);
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public List<Dictionary<string, object?>> Legs() =>
        Query("FROM read_parquet(getvariable('root') || '/legs.parquet/*/*.parquet', hive_partitioning = true) ORDER BY serviceJourneyId, sequenceNr");

    public List<Dictionary<string, object?>> LegStats() =>
        Query("FROM read_parquet(getvariable('root') || '/leg_stats.parquet/*/*.parquet', hive_partitioning = true) ORDER BY month, day_type, hour, from_stop_id, to_stop_id");

    /// <summary>Every day's classified departures and final arrivals (data-model.md section 9).</summary>
    public List<Dictionary<string, object?>> Departures() =>
        Query("FROM read_parquet(getvariable('root') || '/departures.parquet/*/*.parquet', hive_partitioning = true) ORDER BY operatingDate, kind, lineRef, stop_id, day_type, hour, status, delay");

    /// <summary>Every month's punctuality groups.</summary>
    public List<Dictionary<string, object?>> Punctuality() =>
        Query("FROM read_parquet(getvariable('root') || '/punctuality.parquet/*/*.parquet', hive_partitioning = true) ORDER BY month, grain, day_type, hour NULLS FIRST, data_source, line_ref, direction, stop_id");

    public List<Dictionary<string, object?>> RouteNames() =>
        Query("FROM read_parquet(getvariable('root') || '/route_name.parquet/*/*.parquet', hive_partitioning = true) ORDER BY operatingDate, lineRef, directionRef");

    private void Insert(Call c) =>
        _raw.Execute(
            """
            INSERT INTO arrivals VALUES (
                $recorded, $line, $direction, $day, $journey, $operator, $extraJourney, $journeyCancellation,
                $stop, $seq, $origin, $destination, $extraCall, $stopCancellation,
                $aimedArrival, $arrival, $aimedDeparture, $departure, $ds, $dsName, $estimated)
            """,
            ("recorded", c.ArrivalTime ?? c.DepartureTime ?? c.AimedArrivalTime ?? c.AimedDepartureTime),
            ("line", c.LineRef), ("direction", c.DirectionRef), ("day", c.OperatingDate), ("journey", c.ServiceJourneyId),
            ("operator", c.DataSource + ":Operator:1"), ("extraJourney", c.ExtraJourney), ("journeyCancellation", c.JourneyCancellation),
            ("stop", c.StopPointRef), ("seq", c.SequenceNr), ("origin", "A"), ("destination", "B"),
            ("extraCall", c.ExtraCall), ("stopCancellation", c.StopCancellation),
            ("aimedArrival", c.AimedArrivalTime), ("arrival", c.ArrivalTime),
            ("aimedDeparture", c.AimedDepartureTime), ("departure", c.DepartureTime),
            ("ds", c.DataSource), ("dsName", c.DataSourceName), ("estimated", c.Estimated));

    public void Dispose()
    {
        _raw.Dispose();
        _folder.Dispose();
    }
}
