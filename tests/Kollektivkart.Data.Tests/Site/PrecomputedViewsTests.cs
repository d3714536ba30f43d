using System.Text.Json;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;
using Kollektivkart.Data.Tests.Demo;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// The stats.db of <see cref="DerivedDemo"/>, and a second one beside it that keeps only <see cref="ShortLimit"/> hot
/// spots per hour, so the cut of the hot_spots table falls inside hours that have more stretches (ties on rush intensity
/// included).
/// </summary>
public sealed class DemoStatsDbFixture : IDisposable
{
    public const int ShortLimit = 7;

    private readonly TempFolder _folder = new();

    public DemoStatsDbFixture()
    {
        var statsDb = _folder.Sub(PondLayout.StatsDb);
        File.Copy(DerivedDemo.StatsDb, statsDb);
        var shortHotSpots = _folder.Sub("short-hot-spots.db");
        File.Copy(statsDb, shortHotSpots);
        using (var connection = DuckDbConnections.Open(shortHotSpots))
        {
            connection.Execute("DELETE FROM hot_spots");
            foreach (var month in new[] { new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1) })
            {
                connection.Execute("INSERT INTO hot_spots BY NAME " + SqlScripts.Load("StatsDb/hot_spots.sql"), ("month", month), ("limit", ShortLimit));
            }
        }
        Db = StatsDatabase.Open(statsDb);
        ShortHotSpotsDb = StatsDatabase.Open(shortHotSpots);
    }

    public StatsDatabase Db { get; }

    public StatsDatabase ShortHotSpotsDb { get; }

    public void Dispose()
    {
        Db.Dispose();
        ShortHotSpotsDb.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// The tables stats.db precomputes for the site's views (hot_spots, month_changes, line_route, stop_lines, stretch_months) give exactly
/// what the live queries over leg_stats give, row for row and in the same order, for every month, day type and hour,
/// operator, line and stop of the demo data and of the hand-built changes.
/// </summary>
public sealed class PrecomputedViewsTests(DemoStatsDbFixture demo, ChangePondFixture changes, LinePondFixture lines)
    : IClassFixture<DemoStatsDbFixture>, IClassFixture<ChangePondFixture>, IClassFixture<LinePondFixture>
{
    private static readonly string LiveLegStatRowsSql = SqlScripts.Load("Site/leg_stat_rows.sql");

    [Fact]
    public void Hot_spots_are_the_live_ranking_of_every_month_day_type_and_hour()
    {
        // Nine demo days give weekday hours only; the hand-built months have a Saturday.
        foreach (var db in new[] { demo.Db, changes.Db })
        {
            foreach (var (month, dayType, hour) in Hours(db))
            {
                Assert.Equal(LiveHotSpots(db, month, dayType, hour, MapQueries.HotSpotLimit), MapQueries.HotSpots(db, month, hour, dayType));
                Assert.Equal(LiveHotSpots(db, month, dayType, hour, 3), MapQueries.HotSpots(db, month, hour, dayType, 3));
                Assert.Equal(MapQueries.HotSpots(db, month, hour, dayType).Count, MapQueries.HotSpotCount(db, month, hour, dayType));
            }
        }
        Assert.Contains(Hours(changes.Db), h => h.DayType == DayType.Saturday);
    }

    [Fact]
    public void Hot_spots_cut_at_their_limit_are_the_live_ranking_up_to_it()
    {
        var db = demo.ShortHotSpotsDb;
        var cut = 0;
        foreach (var (month, dayType, hour) in Hours(db))
        {
            var live = LiveHotSpots(db, month, dayType, hour, DemoStatsDbFixture.ShortLimit);
            Assert.Equal(live, MapQueries.HotSpots(db, month, hour, dayType, DemoStatsDbFixture.ShortLimit));
            Assert.Equal(live.Count, MapQueries.HotSpotCount(db, month, hour, dayType, DemoStatsDbFixture.ShortLimit));
            cut += LiveHotSpots(db, month, dayType, hour, null).Count > live.Count ? 1 : 0;
        }
        Assert.True(cut > 10, $"only {cut} hours have more than {DemoStatsDbFixture.ShortLimit} stretches");
    }

    [Fact]
    public void Changes_against_the_month_before_are_the_live_comparison_for_every_operator_line_and_stop()
    {
        // Nine demo days change too little for the rules: the hand-built months give the changes, the demo the many keys.
        CompareChanges(demo.Db);
        Assert.Equal(5, CompareChanges(changes.Db));
    }

    [Fact]
    public void A_line_route_is_the_live_one_for_every_line_month_and_day_type()
    {
        // The hand-built lines have a stretch run in both directions and routes that differ between hours.
        var stretches = 0;
        foreach (var db in new[] { demo.Db, lines.Db })
        {
            foreach (var (dataSource, lineRef) in Lines(db))
            {
                foreach (var (month, dayType, hour) in db.Catalog.Months.SelectMany(m => DayTypes.All.SelectMany(d => new[] { (m, d, 7), (m, d, 8), (m, d, 15) })))
                {
                    var route = LineQueries.Route(db, dataSource, lineRef, month, hour, dayType);
                    Assert.Equal(LiveRoute(db, dataSource, lineRef, month, dayType, hour), route);
                    stretches += route.Count;
                }
            }
        }
        Assert.True(stretches > 100, $"only {stretches} stretches compared");
    }

    [Fact]
    public void A_stops_lines_are_the_live_ones_for_every_stop()
    {
        // The hand-built lines end at stops they never leave from.
        var stops = 0;
        foreach (var db in new[] { demo.Db, lines.Db })
        {
            foreach (var stop in db.Query("SELECT stop_id FROM stops ORDER BY stop_id", r => r.GetString(0)))
            {
                Assert.Equal(LiveStopLines(db, stop), StopQueries.Lines(db, stop));
                stops++;
            }
        }
        Assert.True(stops > 50, $"only {stops} stops");
    }

    [Fact]
    public void Operators_stretch_counts_are_the_live_distinct_stretches_for_every_month_and_day_type()
    {
        var compared = 0;
        foreach (var db in new[] { demo.Db, lines.Db })
        {
            foreach (var month in db.Catalog.Months)
            {
                foreach (var dayType in DayTypes.All)
                {
                    var live = db.Query(
                        """
                        SELECT data_source, count(*)::INTEGER
                        FROM (SELECT DISTINCT data_source, from_stop_id, to_stop_id FROM leg_stat_rows WHERE month = $month AND day_type = $day_type)
                        GROUP BY data_source ORDER BY data_source
                        """,
                        r => (r.GetString(0), r.GetInt32(1)), ("month", month), ("day_type", dayType.Name()));
                    Assert.Equal(live, OperatorQueries.Stretches(db, month, dayType).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
                    compared += live.Count;
                }
            }
        }
        Assert.True(compared > 10, $"only {compared} operator months compared");
    }

    [Fact]
    public void Operators_months_are_the_live_whole_day_rows_for_every_operator_day_type_and_range()
    {
        var db = demo.Db;
        var months = db.Catalog.Months;
        var compared = 0;
        foreach (var dataSource in db.Catalog.DataSources.Select(d => d.Code).Prepend(null))
        {
            foreach (var dayType in DayTypes.All)
            {
                // Every month, and the newest only: the page's range of 12 months ends at the chosen one.
                foreach (var (from, to) in new[] { (months[0], months[^1]), (months[^1], months[^1]) })
                {
                    var live = db.Query(
                        """
                        SELECT data_source, month, on_time, cancelled, planned, final_observed
                        FROM punctuality_operator
                        WHERE ($data_source IS NULL OR data_source = $data_source)
                          AND day_type = $day_type AND hour IS NULL AND month BETWEEN $from AND $to
                        ORDER BY data_source, month
                        """,
                        r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
                        ("data_source", dataSource), ("day_type", dayType.Name()), ("from", from), ("to", to));
                    var read = PunctualityQueries.OperatorMonths(db, dataSource, dayType, from, to);
                    Assert.Equal(live, read.Select(m => (m.DataSource, m.Month, m.Figures.OnTime, m.Figures.Cancelled, m.Figures.Planned, m.Final.Observed)));
                    compared += live.Count;
                }
            }
        }
        Assert.True(compared > 10, $"only {compared} operator months compared");
    }

    [Fact]
    public void A_stretch_its_lines_and_its_history_are_the_live_ones_for_every_stretch_day_type_and_hour()
    {
        // Both directions of each stretch with statistics, and a pair of stops that is no stretch; each day type at one of
        // three hours, taken in turn, so every hour meets every day type over the stretches.
        var compared = 0;
        var linesCompared = 0;
        var stretchesAsked = 0;
        foreach (var db in new[] { demo.Db, changes.Db })
        {
            var stretches = db.Query("SELECT DISTINCT from_stop_id, to_stop_id FROM leg_stat_rows ORDER BY ALL", r => (From: r.GetString(0), To: r.GetString(1)));
            foreach (var (from, to) in stretches.SelectMany(s => new[] { s, (From: s.To, To: s.From) }).Append((From: "NSR:StopPlace:0", To: stretches[0].To)))
            {
                var live = LiveStretch(db, from, to);
                Assert.Equal(live, StretchQueries.Find(db, from, to) is { } found ? Json(found) : null);
                Assert.Equal(live is not null, StretchQueries.Exists(db, from, to));
                var lines = StretchQueries.Lines(db, from, to);
                Assert.Equal(LiveStretchLines(db, from, to), lines);
                linesCompared += lines.Count;
                stretchesAsked++;
                foreach (var (dayType, i) in DayTypes.All.Select((d, i) => (d, i)))
                {
                    var hour = new[] { 3, 8, 15 }[(stretchesAsked + i) % 3];
                    var history = StretchQueries.History(db, from, to, dayType, hour);
                    Assert.Equal(LiveStretchHistory(db, from, to, dayType, hour), history);
                    compared += history.Count(m => m.HourlyCount is not null);
                }
            }
        }
        Assert.True(compared > 300, $"only {compared} months at an hour compared");
        Assert.True(linesCompared > 100, $"only {linesCompared} lines of stretches compared");
    }

    /// <summary>Every month with a month before, on each day type: all operators (at several limits), each operator, line and stop.</summary>
    private static int CompareChanges(StatsDatabase db)
    {
        var sources = db.Catalog.DataSources.Select(d => d.Code).ToList();
        var lines = Lines(db);
        var stops = db.Query("SELECT stop_id FROM stops ORDER BY stop_id", r => r.GetString(0));
        var compared = 0;
        foreach (var month in db.Catalog.Months.Where(m => db.Catalog.Months.Contains(m.AddMonths(-1))))
        {
            foreach (var dayType in DayTypes.All)
            {
                var all = new ChangeScope(month, month.AddMonths(-1), dayType);
                IEnumerable<(ChangeScope Scope, int? Limit)> scopes =
                [
                    (all, null), (all, 1), (all, 2), (all, 5),
                    .. sources.Select(s => (all with { DataSource = s }, (int?)null)),
                    .. lines.Select(l => (all with { DataSource = l.DataSource, LineRef = l.LineRef }, (int?)null)),
                    .. stops.Select(s => (all with { StopId = s }, (int?)null)),
                ];
                foreach (var (scope, limit) in scopes)
                {
                    var precomputed = ChangeQueries.Changes(db, scope, limit);
                    Assert.Equal(Json(ChangeQueries.Changes(db, scope, limit, precomputed: false)), Json(precomputed));
                    compared += scope == all && limit is null ? precomputed.Count : 0;
                }
            }
        }
        return compared;
    }

    private static List<(string DataSource, string LineRef)> Lines(StatsDatabase db) =>
        db.Query("SELECT DISTINCT dataSource, lineRef FROM line_direction ORDER BY ALL", r => (r.GetString(0), r.GetString(1))).ToList();

    /// <summary>The hours' list of changes compared whole: records compare lists by reference.</summary>
    private static string Json(IReadOnlyList<StretchChange> changes) => JsonSerializer.Serialize(changes);

    private static List<(DateOnly Month, DayType DayType, int Hour)> Hours(StatsDatabase db) =>
        db.Query("SELECT DISTINCT month, day_type, hour FROM leg_stat_rows ORDER BY ALL",
            r => (r.GetFieldValue<DateOnly>(0), ParseDayType(r.GetString(1)), r.GetInt32(2))).ToList();

    private static DayType ParseDayType(string name) =>
        DayTypes.TryParse(name, out var dayType) ? dayType : throw new ArgumentException($"day type {name}", nameof(name));

    private static IReadOnlyList<LegStatRow> LiveHotSpots(StatsDatabase db, DateOnly month, DayType dayType, int hour, int? limit) =>
        db.Query(LiveLegStatRowsSql, LegStatRow.Read,
            ("month", month), ("day_type", dayType.Name()), ("hour", hour), ("data_source", null), ("line_ref", null), ("limit", limit));

    /// <summary>Site/line_route.sql before line_route: the stretches with statistics looked up in leg_stats on each request.</summary>
    private static IReadOnlyList<LineStretchStats> LiveRoute(StatsDatabase db, string dataSource, string lineRef, DateOnly month, DayType dayType, int hour) =>
        db.Query(
            """
            WITH stretches AS (
                FROM line_stretch
                WHERE dataSource = $data_source AND lineRef = $line_ref
                  AND EXISTS (
                      SELECT 1 FROM leg_stat_rows m
                      WHERE m.month = $month AND m.data_source = line_stretch.dataSource
                        AND m.from_stop_id = line_stretch.from_stop_id AND m.to_stop_id = line_stretch.to_stop_id)
                QUALIFY row_number() OVER (PARTITION BY from_stop_id, to_stop_id ORDER BY legs DESC, direction NULLS LAST) = 1
            )
            SELECT
                r.direction, r.position, r.legs AS line_legs,
                r.dataSource AS data_source, r.from_stop_id, r.to_stop_id,
                coalesce(s.from_stop, r.from_stop, r.from_stop_id) AS from_stop,
                coalesce(s.to_stop, r.to_stop, r.to_stop_id) AS to_stop,
                s.hourly_count IS NOT NULL AS has_stats,
                s.* EXCLUDE (month, day_type, hour, data_source, from_stop_id, to_stop_id, from_stop, to_stop, from_key, to_key)
            FROM stretches r
            LEFT JOIN leg_stat_rows s
                ON s.month = $month AND s.day_type = $day_type AND s.hour = $hour AND s.data_source = r.dataSource
                AND s.from_stop_id = r.from_stop_id AND s.to_stop_id = r.to_stop_id
            ORDER BY r.direction NULLS LAST, r.position, r.legs DESC, r.from_stop_id, r.to_stop_id
            """,
            r => new LineStretchStats(
                r.IsDBNull(r.GetOrdinal("direction")) ? null : r.GetString(r.GetOrdinal("direction")),
                r.GetDouble(r.GetOrdinal("position")),
                r.GetString(r.GetOrdinal("from_stop_id")),
                r.GetString(r.GetOrdinal("to_stop_id")),
                r.GetString(r.GetOrdinal("from_stop")),
                r.GetString(r.GetOrdinal("to_stop")),
                r.GetInt64(r.GetOrdinal("line_legs")),
                r.GetBoolean(r.GetOrdinal("has_stats")) ? LegStatRow.Read(r) : null),
            ("data_source", dataSource), ("line_ref", lineRef), ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>Site/stretch.sql before stretch_months: the stretch looked up among every month's rows of leg_stat_rows.</summary>
    private static string? LiveStretch(StatsDatabase db, string from, string to)
    {
        var rows = db.Query(
            """
            SELECT
                data_source,
                arg_max(from_stop, month) AS from_stop, arg_max(to_stop, month) AS to_stop,
                arg_max(from_lat, month) AS from_lat, arg_max(from_lon, month) AS from_lon,
                arg_max(to_lat, month) AS to_lat, arg_max(to_lon, month) AS to_lon,
                arg_max(air_distance_meters, month) AS air_distance_meters
            FROM leg_stat_rows
            WHERE from_stop_id = $from AND to_stop_id = $to
            GROUP BY data_source
            ORDER BY data_source
            """,
            r => (DataSource: r.GetString(0), Stretch: new Stretch(from, to, r.GetString(1), r.GetString(2),
                r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetInt32(7), [])),
            ("from", from), ("to", to));
        return rows.Count == 0 ? null : Json(rows[0].Stretch with { DataSources = rows.Select(r => r.DataSource).ToList() });
    }

    /// <summary>The stretch compared whole: records compare lists by reference.</summary>
    private static string Json(Stretch stretch) => JsonSerializer.Serialize(stretch);

    /// <summary>Site/stretch_history.sql before stretch_months: each month's hour and day from leg_stat_rows.</summary>
    private static IReadOnlyList<StretchMonth> LiveStretchHistory(StatsDatabase db, string from, string to, DayType dayType, int hour) =>
        db.Query(
            """
            SELECT
                data_source, month,
                max(hourly_duration) FILTER (WHERE hour = $hour), max(hourly_quartile) FILTER (WHERE hour = $hour),
                max(hourly_count) FILTER (WHERE hour = $hour),
                any_value(monthly_duration), any_value(monthly_quartile), any_value(monthly_count)
            FROM leg_stat_rows
            WHERE from_stop_id = $from AND to_stop_id = $to AND day_type = $day_type
            GROUP BY data_source, month
            ORDER BY data_source, month
            """,
            r => new StretchMonth(r.GetString(0), r.GetFieldValue<DateOnly>(1),
                r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.GetInt32(5), r.GetInt32(6), r.GetInt64(7)),
            ("from", from), ("to", to), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>Site/stretch_lines.sql before it was read whole: the stretch's lines from stop_line, labelled by line_direction.</summary>
    private static IReadOnlyList<LineSummary> LiveStretchLines(StatsDatabase db, string from, string to) =>
        [.. LineQueries.InListOrder(db.Query(
            """
            SELECT DISTINCT l.dataSource, l.lineRef, d.label, d.line_number
            FROM stop_line l JOIN line_direction d USING (dataSource, lineRef)
            WHERE l.from_stop_id = $from_stop_id AND l.to_stop_id = $to_stop_id
            """,
            LineQueries.ReadNumbered, ("from_stop_id", from), ("to_stop_id", to)))
            .OrderBy(l => l.DataSource, StringComparer.Ordinal)];

    /// <summary>A stop's lines before stop_lines: every line of line_direction tested against stop_line on each request.</summary>
    private static IReadOnlyList<LineSummary> LiveStopLines(StatsDatabase db, string stopId) =>
        LineQueries.InListOrder(db.Query(
            """
            SELECT DISTINCT l.dataSource, l.lineRef, l.label, l.line_number
            FROM line_direction l
            WHERE EXISTS (
                SELECT 1 FROM stop_line s
                WHERE s.dataSource = l.dataSource AND s.lineRef = l.lineRef AND $stop_id IN (s.from_stop_id, s.to_stop_id))
            """,
            LineQueries.ReadNumbered, ("stop_id", stopId)));
}
