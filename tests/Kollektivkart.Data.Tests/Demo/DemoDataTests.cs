using System.Globalization;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Raw;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>What the demo pond must look like: Entur's shape and schema, its dirt, and realistic traffic.</summary>
public sealed class DemoDataTests(DemoPondFixture pond) : IClassFixture<DemoPondFixture>
{
    private static readonly string[] RealOperators = ["RUT", "SKY", "ATB", "KOL", "AKT", "INN", "VOT", "TRO", "BRA", "MOR", "VYG"];

    [Fact]
    public void Files_have_exactly_the_raw_schema()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        RawDatasets.CreateTables(connection);
        var arrivals = TableSchema(connection, "arrivals");
        var arrivalFiles = Directory.EnumerateFiles(Path.Combine(pond.Pond.Root, PondLayout.Arrivals), "*.parquet", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(arrivalFiles);
        foreach (var file in arrivalFiles)
        {
            Assert.Equal(arrivals.Where(c => c.Name != PondLayout.DayKey), FileSchema(connection, "read_parquet($path, hive_partitioning = false)", file));
        }
        var hive = FileSchema(connection, "read_parquet($path, hive_partitioning = true)", pond.ArrivalsGlob);
        Assert.Equal(arrivals.OrderBy(c => c.Name, StringComparer.Ordinal), hive.OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.Contains((PondLayout.DayKey, "DATE"), hive);
        Assert.Equal(TableSchema(connection, "stops"), FileSchema(connection, "read_parquet($path)", pond.StopsFile));
        Assert.Equal(TableSchema(connection, "quays"), FileSchema(connection, "read_parquet($path)", pond.QuaysFile));
    }

    [Fact]
    public void Each_kind_of_dirt_is_present_at_a_few_per_mille()
    {
        using var connection = pond.OpenWithTables();
        connection.Execute("""
            CREATE TABLE journeys AS
            SELECT operatingDate, serviceJourneyId,
                bool_or(extraJourney) AS extra,
                arg_min(aimedDepartureTime, sequenceNr) AS first_departure,
                min(sequenceNr) AS first_nr,
                max(sequenceNr) AS last_nr
            FROM arrivals GROUP BY operatingDate, serviceJourneyId
            """);

        var perMilleOfCalls = new Dictionary<string, double>
        {
            ["extraCall"] = PerMille(connection, "SELECT avg(extraCall::INT) FROM arrivals"),
            ["estimated"] = PerMille(connection, "SELECT avg(estimated::INT) FROM arrivals"),
            ["stopCancellation"] = PerMille(connection, "SELECT avg(stopCancellation::INT) FROM arrivals"),
            ["stop place as stopPointRef"] = PerMille(connection,
                "SELECT avg((stopPointRef IN (SELECT id FROM stops))::INT) FROM arrivals"),
            ["unknown stopPointRef"] = PerMille(connection,
                "SELECT avg((stopPointRef NOT IN (SELECT id FROM stops) AND stopPointRef NOT IN (SELECT id FROM quays))::INT) FROM arrivals"),
            ["duplicated call"] = PerMille(connection,
                "SELECT 1 - count(DISTINCT (operatingDate, serviceJourneyId, stopPointRef)) / count(*) FROM arrivals"),
            ["call hours late"] = PerMille(connection,
                "SELECT avg((epoch(coalesce(arrivalTime - aimedArrivalTime, departureTime - aimedDepartureTime)) >= 7200)::INT) FROM arrivals"),
            ["missing time on a middle call"] = PerMille(connection, """
                SELECT avg((arrivalTime IS NULL OR departureTime IS NULL)::INT)
                FROM arrivals JOIN journeys USING (operatingDate, serviceJourneyId)
                WHERE sequenceNr > first_nr AND sequenceNr < last_nr
                """),
        };
        var perMilleOfJourneys = new Dictionary<string, double>
        {
            // Cancelled journeys are 1-2 %, as in Entur's data: DemoPunctualityTests.
            ["extraJourney"] = PerMille(connection, "SELECT avg(extra::INT) FROM journeys"),
            // Legitimate journeys start between 00:15 and 24:30 local time of their operating day.
            ["times a day off"] = PerMille(connection, """
                SELECT avg((first_departure < operatingDate::TIMESTAMPTZ
                    OR first_departure >= operatingDate::TIMESTAMPTZ + INTERVAL 28 HOUR)::INT)
                FROM journeys
                """),
        };
        var relabelledRoutes = PerMille(connection, """
            SELECT avg((labels > 1)::INT) FROM (
                SELECT lineRef, originName, destinationName, count(DISTINCT directionRef) AS labels
                FROM arrivals GROUP BY ALL)
            """);

        var rates = string.Join(", ", perMilleOfCalls.Concat(perMilleOfJourneys).Select(r => $"{r.Key} {r.Value:F2}"))
            + $", relabelled routes {relabelledRoutes:F1} (per mille)";
        foreach (var (kind, rate) in perMilleOfCalls)
        {
            Assert.True(rate is >= 1 and <= 10, $"{kind} at {rate:F2} per mille of calls; all: {rates}");
        }
        foreach (var (kind, rate) in perMilleOfJourneys)
        {
            Assert.True(rate is > 0 and < 10, $"{kind} at {rate:F2} per mille of journeys; all: {rates}");
        }
        Assert.True(relabelledRoutes is > 0 and < 200, $"direction labels change on {relabelledRoutes:F1} per mille of routes; all: {rates}");
    }

    [Fact]
    public void Operators_stops_and_quays_look_like_the_national_registry()
    {
        using var connection = pond.OpenWithTables();

        var operators = Strings(connection, "SELECT DISTINCT dataSource FROM arrivals ORDER BY 1");
        Assert.True(operators.Count >= 8, string.Join(", ", operators));
        Assert.Subset(operators.ToHashSet(), RealOperators.ToHashSet());
        Assert.Equal(["Ruter"], Strings(connection, "SELECT DISTINCT dataSourceName FROM arrivals WHERE dataSource = 'RUT'"));
        Assert.Equal(0L, Count(connection, """
            SELECT count(*) FROM arrivals
            WHERE NOT (lineRef LIKE dataSource || ':Line:%' AND operatorRef LIKE dataSource || ':Operator:%'
                AND serviceJourneyId LIKE dataSource || ':ServiceJourney:%')
            """));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM arrivals WHERE dataSource = 'ATB' AND lineRef NOT LIKE 'ATB:Line:2\\_%' ESCAPE '\\'"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM quays WHERE stopPlaceRef NOT IN (SELECT id FROM stops)"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM stops WHERE id NOT LIKE 'NSR:StopPlace:%'"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM quays WHERE id NOT LIKE 'NSR:Quay:%'"));
        Assert.Equal(0L, Count(connection, """
            SELECT count(*) FROM (SELECT location_latitude AS lat, location_longitude AS lon FROM stops
                UNION ALL SELECT location_latitude, location_longitude FROM quays)
            WHERE lat IS NOT NULL AND NOT (lat BETWEEN 57.5 AND 71.5 AND lon BETWEEN 4 AND 31.5)
            """));
        Assert.True(Count(connection, "SELECT count(*) FROM stops WHERE location_latitude IS NULL") > 0, "every stop place has coordinates");
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM quays WHERE location_latitude IS NULL"));
        Assert.True(Count(connection, """
            SELECT count(*) FROM (
                SELECT name FROM stops GROUP BY name
                HAVING count(DISTINCT id) >= 2 AND count(DISTINCT topographicPlaceRef) >= 2)
            """) >= 3, "no stop names shared between towns");
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM (SELECT stopPlaceRef FROM quays GROUP BY 1 HAVING count(*) > 4)"));
    }

    [Fact]
    public void Traffic_follows_the_week_and_the_day()
    {
        using var connection = pond.OpenWithTables();
        var perDay = new Dictionary<DateOnly, long>();
        using (var reader = connection.Query("SELECT operatingDate, count(*) FROM arrivals GROUP BY 1"))
        {
            while (reader.Read())
            {
                perDay[DateOnly.FromDateTime(reader.GetDateTime(0))] = reader.GetInt64(1);
            }
        }
        var volumes = string.Join(", ", perDay.OrderBy(d => d.Key).Select(d => $"{d.Key:yyyy-MM-dd} {d.Value}"));
        foreach (var weekday in DemoPondFixture.Weekdays)
        {
            Assert.True(perDay[weekday] is >= 60_000 and <= 90_000, volumes);
            foreach (var weekendDay in DemoPondFixture.WeekendDays)
            {
                Assert.True(perDay[weekday] > perDay[weekendDay], volumes);
            }
        }

        // Local hours: the connection's time zone is Europe/Oslo.
        const string weekdayCallsInHours = """
            SELECT count(*) FROM arrivals
            WHERE dayofweek(operatingDate) BETWEEN 1 AND 5
              AND hour(coalesce(aimedArrivalTime, aimedDepartureTime)) BETWEEN $from AND $to
            """;
        var rush = Count(connection, weekdayCallsInHours, ("from", 7), ("to", 8));
        var midday = Count(connection, weekdayCallsInHours, ("from", 11), ("to", 12));
        Assert.True(rush > midday * 1.15, $"07-09: {rush} calls, 11-13: {midday}");
        foreach (var hour in new[] { 0, 3, 5, 23 })
        {
            Assert.True(Count(connection, weekdayCallsInHours, ("from", hour), ("to", hour)) > 100, $"hardly any calls at {hour}");
        }
        Assert.Equal(0L, Count(connection, """
            SELECT count(*) FROM (
                SELECT operatingDate, serviceJourneyId FROM arrivals
                GROUP BY ALL HAVING count(DISTINCT lineRef) > 1 OR count(DISTINCT directionRef) > 1)
            """));
        Assert.Equal(0L, Count(connection, """
            SELECT count(*) FROM arrivals JOIN (
                SELECT operatingDate, serviceJourneyId, min(sequenceNr) AS first_nr, max(sequenceNr) AS last_nr
                FROM arrivals GROUP BY ALL) USING (operatingDate, serviceJourneyId)
            WHERE (sequenceNr = first_nr AND (aimedArrivalTime IS NOT NULL OR arrivalTime IS NOT NULL))
               OR (sequenceNr = last_nr AND (aimedDepartureTime IS NOT NULL OR departureTime IS NOT NULL))
            """));
    }

    [Fact]
    public void Rush_hours_slow_down_hot_spots_but_not_midday()
    {
        using var connection = pond.OpenWithTables();
        connection.Execute("""
            CREATE TABLE stretch_times AS
            WITH calls AS (
                FROM arrivals
                WHERE dayofweek(operatingDate) BETWEEN 1 AND 5
                  AND NOT (extraCall OR estimated OR stopCancellation OR journeyCancellation)
            ), legs AS (
                SELECT dataSource, lag(stopPointRef) OVER journey AS from_ref, stopPointRef AS to_ref,
                    coalesce(lag(arrivalTime) OVER journey, lag(departureTime) OVER journey) AS start_time,
                    epoch(arrivalTime - coalesce(lag(arrivalTime) OVER journey, lag(departureTime) OVER journey)) AS seconds
                FROM calls
                WINDOW journey AS (PARTITION BY operatingDate, serviceJourneyId ORDER BY sequenceNr)
            )
            SELECT dataSource, from_ref, to_ref, median(seconds) AS median_seconds, count(*) AS trips,
                quantile_disc(seconds, 0.75) FILTER (WHERE hour(start_time) = 8) AS morning_quartile,
                quantile_disc(seconds, 0.75) FILTER (WHERE hour(start_time) = 16) AS afternoon_quartile,
                quantile_disc(seconds, 0.75) FILTER (WHERE hour(start_time) = 12) AS midday_quartile
            FROM legs WHERE seconds BETWEEN 1 AND 7200
            GROUP BY ALL HAVING trips >= 100
            """);

        var stretches = Count(connection, "SELECT count(*) FROM stretch_times");
        var hotMornings = Count(connection, "SELECT count(*) FROM stretch_times WHERE morning_quartile >= 1.5 * median_seconds");
        var hotAfternoons = Count(connection, "SELECT count(*) FROM stretch_times WHERE afternoon_quartile >= 1.5 * median_seconds");
        var hotMiddays = Count(connection, "SELECT count(*) FROM stretch_times WHERE midday_quartile >= 1.5 * median_seconds");

        var summary = $"{stretches} busy stretches; rush intensity >= 1.5 at 08: {hotMornings}, 16: {hotAfternoons}, 12: {hotMiddays}";
        Assert.True(stretches > 200, summary);
        Assert.True(hotMornings > stretches / 50 && hotAfternoons > stretches / 50, summary);
        Assert.True(hotMiddays < hotMornings / 5, summary);
    }

    private static double PerMille(DuckDBConnection connection, string sql) =>
        1000 * Convert.ToDouble(connection.Scalar<object>(sql), CultureInfo.InvariantCulture);

    private static long Count(DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        connection.Scalar<long>(sql, parameters);

    private static List<string> Strings(DuckDBConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static List<(string Name, string Type)> TableSchema(DuckDBConnection connection, string table)
    {
        using var reader = connection.Query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $table ORDER BY ordinal_position",
            ("table", table));
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns;
    }

    private static List<(string Name, string Type)> FileSchema(DuckDBConnection connection, string source, string path)
    {
        connection.Execute($"CREATE OR REPLACE TEMP TABLE file_schema AS FROM {source} LIMIT 0", ("path", path));
        return TableSchema(connection, "file_schema");
    }
}
