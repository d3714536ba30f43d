using System.Globalization;
using DuckDB.NET.Data;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>
/// The demo data makes every part of punctuality (data-model.md 9) visible: departures around the timetable, very late
/// ones in the rush on lines through hot spots, cancelled journeys and calls, and trains with final arrivals.
/// Planned departures are classified here by section 9's rules, from the raw arrivals.
/// </summary>
public sealed class DemoPunctualityTests(DemoPondFixture pond) : IClassFixture<DemoPondFixture>
{
    [Fact]
    public void About_one_and_a_half_percent_of_journeys_are_cancelled_on_every_call_and_a_few_calls_alone()
    {
        using var connection = OpenWithDepartures();
        connection.Execute("""
            CREATE TABLE journeys AS
            SELECT operatingDate, serviceJourneyId, bool_or(journeyCancellation) AS any_call, bool_and(journeyCancellation) AS every_call
            FROM arrivals GROUP BY ALL
            """);

        var cancelled = connection.Scalar<double>("SELECT avg(any_call::INT) FROM journeys");
        Assert.InRange(cancelled, 0.01, 0.02);
        Assert.Equal(0L, connection.Scalar<long>("SELECT count(*) FROM journeys WHERE any_call AND NOT every_call"));
        var callsCancelledAlone = connection.Scalar<long>(
            "SELECT count(*) FROM departures WHERE stopCancellation AND NOT journey_cancelled");
        var estimated = connection.Scalar<long>("SELECT count(*) FROM departures WHERE estimated AND band = 'unknown'");
        var planned = connection.Scalar<long>("SELECT count(*) FROM departures");
        Assert.True(callsCancelledAlone > planned / 1000 && callsCancelledAlone < planned / 100, $"{callsCancelledAlone} of {planned} calls cancelled alone");
        Assert.True(estimated > planned / 1000 && estimated < planned / 100, $"{estimated} of {planned} departures estimated");
    }

    [Fact]
    public void Departures_spread_around_the_timetable()
    {
        using var connection = OpenWithDepartures();

        var bands = Shares(connection, "SELECT band, count(*) FROM departures WHERE band NOT IN ('cancelled', 'unknown') GROUP BY band");

        var all = Describe(bands);
        Assert.True(bands.GetValueOrDefault("on_time") is >= 0.8 and <= 0.93, all);
        Assert.True(bands.GetValueOrDefault("early") is >= 0.03 and <= 0.06, all);
        Assert.True(bands.GetValueOrDefault("late") is >= 0.02 and <= 0.1, all);
        Assert.True(bands.GetValueOrDefault("very_late") is >= 0.01 and <= 0.06, all);
        Assert.True(bands.GetValueOrDefault("late") > bands.GetValueOrDefault("very_late"), all);
    }

    [Fact]
    public void Very_late_departures_are_mostly_in_the_weekday_rush_on_lines_through_hot_spots()
    {
        using var connection = OpenWithDepartures();
        var network = NetworkBuilder.Build(DemoPondFixture.Options.Seed, DemoPondFixture.Options.Scale);
        var month = HotSpots.ForMonth(network, DemoPondFixture.Options.Seed, DemoPondFixture.From.Year, DemoPondFixture.From.Month);
        // The third of the lines that lose most in this month's rush hot spots; lines having a bad month are late all day.
        var hotLines = network.Lines
            .OrderByDescending(l => l.Directions[0].Stretches.Sum(s => month.PeakExtraSeconds[s.Index]))
            .Take(network.Lines.Count / 3)
            .Select(l => l.Ref).ToList();
        Fill(connection, "hot_lines", hotLines);
        Fill(connection, "bad_lines", month.BadLines.Select(l => l.Ref));

        var shares = Shares(connection, """
            SELECT CASE WHEN hour(aimedDepartureTime) IN (7, 8, 15, 16) AND lineRef IN (FROM hot_lines) THEN 'rush_hot' ELSE 'other' END,
                count(*) FILTER (WHERE band = 'very_late')
            FROM departures
            WHERE band NOT IN ('cancelled', 'unknown') AND dayofweek(operatingDate) BETWEEN 1 AND 5 AND lineRef NOT IN (FROM bad_lines)
            GROUP BY 1
            """);
        var rates = Shares(connection, """
            SELECT CASE WHEN hour(aimedDepartureTime) IN (7, 8, 15, 16) AND lineRef IN (FROM hot_lines) THEN 'rush_hot' ELSE 'other' END,
                avg((band = 'very_late')::INT)
            FROM departures
            WHERE band NOT IN ('cancelled', 'unknown') AND dayofweek(operatingDate) BETWEEN 1 AND 5 AND lineRef NOT IN (FROM bad_lines)
            GROUP BY 1
            """, normalise: false);

        var all = $"share of the very late: {Describe(shares)}; rate: {Describe(rates)}";
        Assert.True(shares.GetValueOrDefault("rush_hot") >= 0.5, all);
        Assert.True(rates.GetValueOrDefault("rush_hot") >= 5 * rates.GetValueOrDefault("other"), all);
    }

    [Fact]
    public void Lines_having_a_bad_month_run_later_and_are_cancelled_more_than_the_others_of_their_operator()
    {
        using var connection = OpenWithDepartures();
        var network = NetworkBuilder.Build(DemoPondFixture.Options.Seed, DemoPondFixture.Options.Scale);
        var bad = HotSpots.ForMonth(network, DemoPondFixture.Options.Seed, DemoPondFixture.From.Year, DemoPondFixture.From.Month).BadLines;
        Fill(connection, "bad_lines", bad.Select(l => l.Ref));
        Assert.InRange(bad.Count, 2, network.Operators.Count);

        using var reader = connection.Query("""
            SELECT dataSource, lineRef IN (FROM bad_lines) AS bad,
                avg((band = 'on_time')::INT) FILTER (WHERE band NOT IN ('cancelled', 'unknown')) AS on_time_share,
                avg(journey_cancelled::INT) AS cancelled_share
            FROM departures WHERE dataSource IN (SELECT dataSource FROM departures WHERE lineRef IN (FROM bad_lines))
            GROUP BY ALL ORDER BY ALL
            """);
        var byOperator = new Dictionary<string, Dictionary<bool, (double OnTime, double Cancelled)>>();
        while (reader.Read())
        {
            var shares = byOperator.TryGetValue(reader.GetString(0), out var s) ? s : byOperator[reader.GetString(0)] = [];
            shares[reader.GetBoolean(1)] = (reader.GetDouble(2), reader.GetDouble(3));
        }
        Assert.Equal(bad.Select(l => l.Operator.Code).Order(StringComparer.Ordinal), byOperator.Keys.Order(StringComparer.Ordinal));
        foreach (var (op, shares) in byOperator)
        {
            var (badLine, others) = (shares[true], shares[false]);
            var described = string.Create(CultureInfo.InvariantCulture, $"{op}: bad line {badLine}, others {others}");
            Assert.True(badLine.OnTime < others.OnTime - 0.1, described);
        }
        var cancelled = Shares(connection, """
            SELECT lineRef IN (FROM bad_lines), avg(journey_cancelled::INT) FROM departures GROUP BY 1
            """, normalise: false);
        Assert.True(cancelled.GetValueOrDefault("true") > 2 * cancelled.GetValueOrDefault("false"), Describe(cancelled));
    }

    [Fact]
    public void A_line_has_a_bad_month_now_and_then_not_every_month()
    {
        var network = NetworkBuilder.Build(1, 0.05);

        var months = Enumerable.Range(1, 12).Select(m => HotSpots.ForMonth(network, 1, 2025, m).BadLines).ToList();

        Assert.Equal(months[0], HotSpots.ForMonth(network, 1, 2025, 1).BadLines);
        Assert.All(months, bad => Assert.NotEmpty(bad));
        Assert.All(months, bad => Assert.DoesNotContain(bad, l => l.Level is ServiceLevel.Trunk or ServiceLevel.Night));
        Assert.All(months, bad => Assert.Equal(bad.Count, bad.Select(l => l.Operator).Distinct().Count()));
        Assert.NotEqual(months[0].ToHashSet(), months[1].ToHashSet());
        var everBad = months.SelectMany(m => m).Distinct().Count();
        Assert.True(everBad > months[0].Count, $"the same {everBad} lines are bad every month");
    }

    [Fact]
    public void Vy_trains_stop_at_railway_stations_every_half_hour_or_hour_and_mostly_arrive_within_3_59()
    {
        using var connection = OpenWithDepartures();

        Assert.Equal(["Vy"], Strings(connection, "SELECT DISTINCT dataSourceName FROM arrivals WHERE dataSource = 'VYG'"));
        var lines = Strings(connection, "SELECT DISTINCT lineRef FROM arrivals WHERE dataSource = 'VYG' ORDER BY 1");
        Assert.True(lines.Count >= 2, string.Join(", ", lines));
        Assert.All(lines, l => Assert.Matches(@"^VYG:Line:[RL]\d+$", l));
        // Every call is at a railway station of the registry (through its platform), and no bus stops there.
        Assert.Equal(0L, connection.Scalar<long>("""
            SELECT count(*) FROM arrivals a LEFT JOIN quays q ON q.id = a.stopPointRef
            LEFT JOIN stops s ON s.id = coalesce(q.stopPlaceRef, a.stopPointRef)
            WHERE a.dataSource = 'VYG' AND (s.transportMode IS DISTINCT FROM 'rail')
              AND a.stopPointRef IN (SELECT id FROM quays UNION ALL SELECT id FROM stops)
            """));
        Assert.Equal(0L, connection.Scalar<long>("""
            SELECT count(*) FROM arrivals a JOIN quays q ON q.id = a.stopPointRef JOIN stops s ON s.id = q.stopPlaceRef
            WHERE a.dataSource <> 'VYG' AND s.transportMode = 'rail'
            """));

        // Planned stretches of 5-25 minutes between stations; journeys 30 or 60 minutes apart. From all calls, dirt and all.
        connection.Execute("""
            CREATE TABLE rail_calls AS FROM arrivals WHERE dataSource = 'VYG'
            QUALIFY row_number() OVER (PARTITION BY operatingDate, serviceJourneyId, stopPointRef ORDER BY sequenceNr) = 1
            """);
        var stretchMinutes = connection.Scalar<string>("""
            SELECT min(m) || ' ' || max(m) FROM (
                SELECT epoch(aimedArrivalTime - lag(aimedDepartureTime) OVER journey) / 60 AS m FROM rail_calls
                WINDOW journey AS (PARTITION BY operatingDate, serviceJourneyId ORDER BY sequenceNr))
            WHERE m IS NOT NULL
            """)!.Split(' ').Select(m => double.Parse(m, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(stretchMinutes[0] >= 5 && stretchMinutes[1] <= 25, $"stretches of {stretchMinutes[0]}-{stretchMinutes[1]} minutes");
        var headways = Strings(connection, """
            SELECT DISTINCT (epoch(first - lag(first) OVER route) / 60)::INT::VARCHAR FROM (
                SELECT operatingDate, lineRef, originName,
                    -- The times of a few journeys are a day off (dirt).
                    CASE WHEN time < operatingDate::TIMESTAMPTZ THEN time + INTERVAL 1 DAY
                         WHEN time >= operatingDate::TIMESTAMPTZ + INTERVAL 28 HOUR THEN time - INTERVAL 1 DAY
                         ELSE time END AS first
                FROM (SELECT *, arg_min(aimedDepartureTime, sequenceNr) OVER journey AS time FROM rail_calls
                    WHERE NOT extraJourney WINDOW journey AS (PARTITION BY operatingDate, serviceJourneyId))
                GROUP BY ALL)
            WINDOW route AS (PARTITION BY operatingDate, lineRef, originName ORDER BY first)
            QUALIFY lag(first) OVER route IS NOT NULL
            ORDER BY 1
            """);
        Assert.Equal(["30", "60"], headways);

        // The final arrival of a journey: its last call that section 9 counts.
        var finals = Shares(connection, """
            SELECT CASE WHEN a <= 239 THEN 'within_3_59' WHEN a <= 359 THEN 'within_5_59' ELSE 'later' END, count(*) FROM (
                SELECT *, epoch(arrivalTime - aimedArrivalTime) AS a FROM departures_and_arrivals WHERE dataSource = 'VYG'
                QUALIFY row_number() OVER (PARTITION BY operatingDate, serviceJourneyId ORDER BY sequenceNr DESC) = 1)
            WHERE NOT (journey_cancelled OR stopCancellation OR estimated) AND abs(a) < 7200
            GROUP BY 1
            """);
        var described = Describe(finals);
        Assert.True(finals.GetValueOrDefault("within_3_59") is >= 0.8 and <= 0.96, described);
        Assert.True(finals.GetValueOrDefault("within_5_59") >= 0.01, described);
        Assert.True(finals.GetValueOrDefault("later") >= 0.01 && finals.GetValueOrDefault("later") < finals.GetValueOrDefault("within_3_59") / 10, described);
    }

    /// <summary>
    /// The pond's tables plus: departures_and_arrivals, the calls section 9 counts (at a known stop, first per journey and
    /// stopPointRef, not extra); departures, those with an aimed departure and their band.
    /// </summary>
    private DuckDBConnection OpenWithDepartures()
    {
        var connection = pond.OpenWithTables();
        connection.Execute("""
            CREATE TABLE departures_and_arrivals AS
            WITH calls AS (
                FROM arrivals
                WHERE stopPointRef IN (SELECT id FROM stops UNION ALL SELECT id FROM quays)
                QUALIFY row_number() OVER (PARTITION BY operatingDate, serviceJourneyId, stopPointRef ORDER BY sequenceNr) = 1
            )
            SELECT calls.*, journey_cancelled FROM calls JOIN (
                SELECT operatingDate, serviceJourneyId, bool_or(journeyCancellation) AS journey_cancelled, bool_or(extraJourney) AS extra
                FROM calls GROUP BY ALL) USING (operatingDate, serviceJourneyId)
            WHERE NOT extra AND NOT extraCall
            """);
        connection.Execute("""
            CREATE TABLE departures AS
            SELECT *, CASE
                WHEN journey_cancelled OR stopCancellation THEN 'cancelled'
                WHEN estimated OR d IS NULL OR abs(d) >= 7200 THEN 'unknown'
                WHEN d < -60 THEN 'early'
                WHEN d <= 180 THEN 'on_time'
                WHEN d <= 300 THEN 'late'
                ELSE 'very_late' END AS band
            FROM (SELECT *, epoch(departureTime - aimedDepartureTime) AS d FROM departures_and_arrivals WHERE aimedDepartureTime IS NOT NULL)
            """);
        return connection;
    }

    private static void Fill(DuckDBConnection connection, string table, IEnumerable<string> values)
    {
        connection.Execute($"CREATE TABLE {table} (value VARCHAR)");
        foreach (var value in values)
        {
            connection.Execute($"INSERT INTO {table} VALUES ($value)", ("value", value));
        }
    }

    /// <summary>Key and number per row; normalised, the numbers as shares of their sum. A key without rows is missing: look up with GetValueOrDefault.</summary>
    private static Dictionary<string, double> Shares(DuckDBConnection connection, string sql, bool normalise = true)
    {
        var values = new Dictionary<string, double>();
        using (var reader = connection.Query(sql))
        {
            while (reader.Read())
            {
                values[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!.ToLowerInvariant()] =
                    Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        var total = normalise ? values.Values.Sum() : 1;
        return values.ToDictionary(v => v.Key, v => v.Value / total);
    }

    private static string Describe(Dictionary<string, double> shares) =>
        string.Join(", ", shares.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:P2}")));

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
}
