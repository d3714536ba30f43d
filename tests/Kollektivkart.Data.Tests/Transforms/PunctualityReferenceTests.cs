using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// The nightly job computes punctuality a day at a time (departures.parquet) and a month from its days (punctuality.parquet).
/// This computes data-model.md section 9 again, independently, in C#, from every raw call of the month at once, and asks
/// for the same groups: every count and percentile of every operator, line, stop on a line and stop, every hour and the
/// whole day, on demo data with its dirt (duplicated, extra, estimated, cancelled, hours-late calls and day-off journeys).
/// </summary>
public sealed class PunctualityReferenceTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 1, 30);
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private readonly TempFolder _folder = new();
    private readonly TestPondReader _pond;

    public PunctualityReferenceTests()
    {
        var pond = Kollektivkart.Data.Pond.LocalPond.Open(_folder.Path, create: true);
        // Thursday 30 January to Monday 3 February: two months, weekdays and a weekend.
        DemoGenerator.Generate(pond, new DemoOptions(From, Days: 5, Scale: 0.02, Seed: 3));
        new Derivation(pond, new RunOptions(From), NullLogger.Instance).Run();
        _pond = new TestPondReader(_folder.Path);
    }

    private sealed record RawCall(
        string Journey, DateOnly OperatingDate, string DataSource, string LineRef, string StopRef, long Sequence, DateTime? Recorded,
        DateTime? AimedArrival, DateTime? Arrival, DateTime? AimedDeparture, DateTime? Departure,
        bool ExtraCall, bool ExtraJourney, bool JourneyCancelled, bool StopCancelled, bool Estimated);

    private sealed record Departure(DateOnly Month, string DataSource, string LineRef, string StopId, string DayType, int Hour, string Status, int? Delay);

    /// <summary>Section 9 over raw calls, written from the text, not from the SQL.</summary>
    private List<Departure> ReferenceDepartures()
    {
        var stopOf = _pond.Query("""
            SELECT q.id AS ref, q.stopPlaceRef AS stop_id FROM read_parquet(getvariable('root') || '/quays.parquet') q
            WHERE q.stopPlaceRef IN (SELECT id FROM read_parquet(getvariable('root') || '/stops.parquet'))
            UNION SELECT id, id FROM read_parquet(getvariable('root') || '/stops.parquet')
            """).ToDictionary(r => r.Text("ref")!, r => r.Text("stop_id")!);
        var calls = _pond.Query("""
            SELECT * FROM read_parquet(getvariable('root') || '/arrivals.parquet/*/*.parquet', hive_partitioning = true)
            """).Select(r => new RawCall(
                r.Text("serviceJourneyId")!, r.Date("operatingDate"), r.Text("dataSource")!, r.Text("lineRef")!, r.Text("stopPointRef")!,
                r.Long("sequenceNr"), Time(r, "recordedAtTime"), Time(r, "aimedArrivalTime"), Time(r, "arrivalTime"),
                Time(r, "aimedDepartureTime"), Time(r, "departureTime"),
                Flag(r, "extraCall"), Flag(r, "extraJourney"), Flag(r, "journeyCancellation"), Flag(r, "stopCancellation"), Flag(r, "estimated")))
            .ToList();

        var result = new List<Departure>();
        foreach (var journey in calls.GroupBy(c => (c.OperatingDate, c.Journey)))
        {
            if (journey.Any(c => c.ExtraJourney))
            {
                continue;
            }
            var cancelledJourney = journey.Any(c => c.JourneyCancelled);
            var first = journey.OrderBy(c => c.Sequence).First();
            var kept = journey
                .Where(c => stopOf.ContainsKey(c.StopRef))
                .GroupBy(c => c.StopRef)
                .Select(g => g.OrderBy(c => c.Sequence).ThenByDescending(c => c.Recorded).First())
                .Where(c => !c.ExtraCall)
                .ToList();
            var month = new DateOnly(journey.Key.OperatingDate.Year, journey.Key.OperatingDate.Month, 1);
            foreach (var call in kept.Where(c => c.AimedDeparture is not null))
            {
                var aimed = call.AimedDeparture!.Value;
                var local = TimeZoneInfo.ConvertTimeFromUtc(aimed, Oslo);
                int? delay = call.Departure is { } actual ? (int)Math.Round((actual - aimed).TotalSeconds) : null;
                var status = cancelledJourney || call.StopCancelled ? "cancelled"
                    : !call.Estimated && delay is { } d && Math.Abs(d) < 7200 ? "observed"
                    : "unknown";
                result.Add(new Departure(month, first.DataSource, first.LineRef, stopOf[call.StopRef],
                    NorwegianCalendar.DayTypeOf(DateOnly.FromDateTime(local)).Name(), local.Hour, status, status == "observed" ? delay : null));
            }
        }
        return result;
    }

    private static DateTime? Time(IReadOnlyDictionary<string, object?> row, string column) =>
        row[column] is null ? null : row.Instant(column).UtcDateTime;

    private static bool Flag(IReadOnlyDictionary<string, object?> row, string column) => row[column] is true;

    /// <summary>quantile_disc: the smallest value with at least q of the values at or below it.</summary>
    private static int? Percentile(List<int> sorted, int numerator, int denominator)
    {
        for (var i = 0; i < sorted.Count; i++)
        {
            if ((long)(i + 1) * denominator >= (long)sorted.Count * numerator)
            {
                return sorted[i];
            }
        }
        return null;
    }

    private static string Measures(IEnumerable<Departure> group)
    {
        var list = group.ToList();
        var delays = list.Where(d => d.Status == "observed").Select(d => d.Delay!.Value).Order().ToList();
        return string.Join(' ',
            list.Count, list.Count(d => d.Status == "cancelled"), delays.Count, list.Count(d => d.Status == "unknown"),
            delays.Count(d => d < -60), delays.Count(d => d is >= -60 and <= 180), delays.Count(d => d is > 180 and <= 300),
            delays.Count(d => d > 300), Percentile(delays, 1, 2), Percentile(delays, 9, 10));
    }

    private static string Key(string grain, DateOnly month, string dayType, long? hour, string? ds, string? line, string? stop) =>
        $"{grain} {month:yyyy-MM} {dayType} {hour?.ToString() ?? "day"} {ds} {line} {stop}";

    [Fact]
    public void Every_group_of_every_month_equals_a_computation_over_the_month_s_raw_calls()
    {
        var departures = ReferenceDepartures();
        var expected = new Dictionary<string, string>();
        void Add(string grain, Func<Departure, (string? Ds, string? Line, string? Stop)> keys)
        {
            foreach (var hourly in new[] { true, false })
            {
                foreach (var g in departures.GroupBy(d => (d.Month, d.DayType, Hour: hourly ? d.Hour : (int?)null, keys(d))))
                {
                    expected[Key(grain, g.Key.Month, g.Key.DayType, g.Key.Hour, g.Key.Item4.Ds, g.Key.Item4.Line, g.Key.Item4.Stop)] = Measures(g);
                }
            }
        }
        Add("operator", d => (d.DataSource, null, null));
        Add("line", d => (d.DataSource, d.LineRef, null));
        Add("stop_line", d => (d.DataSource, d.LineRef, d.StopId));
        Add("stop", d => (null, null, d.StopId));

        var actual = _pond.Query("""
                FROM read_parquet(getvariable('root') || '/punctuality.parquet/*/*.parquet', hive_partitioning = true)
                WHERE grain <> 'stop_line_direction'
                """)
            .ToDictionary(
                r => Key(r.Text("grain")!, r.Date("month"), r.Text("day_type")!, r["hour"] is null ? null : r.Long("hour"),
                    r.Text("data_source"), r.Text("line_ref"), r.Text("stop_id")),
                r => string.Join(' ', new[] { "planned", "cancelled", "observed", "unknown", "early", "on_time", "late", "very_late", "median_delay", "p90_delay" }
                    .Select(c => r[c]?.ToString() ?? "")));

        Assert.True(expected.Count > 1000, $"only {expected.Count} groups: the demo data is too small to show anything");
        Assert.Equal(2, actual.Keys.Select(k => k.Split(' ')[1]).Distinct().Count());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, measures) in expected)
        {
            Assert.True(actual[key] == measures, $"{key}: expected {measures}, got {actual[key]}");
        }
    }

    [Fact]
    public void A_line_s_directions_add_up_to_the_line_at_each_stop()
    {
        var rows = _pond.Query("""
            SELECT month, day_type, hour, data_source, line_ref, stop_id, grain, planned, cancelled, observed, unknown
            FROM read_parquet(getvariable('root') || '/punctuality.parquet/*/*.parquet', hive_partitioning = true)
            WHERE grain IN ('stop_line', 'stop_line_direction')
            """);
        var sums = rows.GroupBy(r => (r.Text("grain"), Key("", r.Date("month"), r.Text("day_type")!, r["hour"] is null ? null : r.Long("hour"),
                r.Text("data_source"), r.Text("line_ref"), r.Text("stop_id"))))
            .ToDictionary(g => g.Key, g => string.Join(' ', new[] { "planned", "cancelled", "observed", "unknown" }.Select(c => g.Sum(r => r.Long(c)))));
        var lines = sums.Where(s => s.Key.Item1 == "stop_line").ToList();
        Assert.NotEmpty(lines);
        foreach (var (key, measures) in lines)
        {
            Assert.Equal(measures, sums[("stop_line_direction", key.Item2)]);
        }
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Queries over a pond folder, with $root set, as <see cref="TestPond.Query"/> does.</summary>
    private sealed class TestPondReader(string root)
    {
        public List<Dictionary<string, object?>> Query(string sql)
        {
            using var connection = Kollektivkart.Data.DuckDb.DuckDbConnections.OpenInMemory();
            connection.Execute("SET VARIABLE root = $root", ("root", root));
            using var reader = connection.Query(sql);
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
    }
}
