using DuckDB.NET.Data;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Web.Tests.Support;

public sealed record Stop(string Id, string Name, double Lat, double Lon);

/// <summary>One leg_stats row; the columns the site does not compute with get fixed values.</summary>
public sealed record LegStat(
    DateOnly Month, int Hour, string DataSource, Stop From, Stop To,
    int HourlyQuartile, int HourlyDuration, int MonthlyDuration, int MeanHourlyDuration, int MeanMonthlyDuration,
    long HourlyCount, long MonthlyCount, int HourlyDelay = 12, int HourlyDeviation = 4, int AirDistanceMeters = 900,
    DayType DayType = DayType.Weekday)
{
    /// <summary>data-model.md section 5; none of the chosen numbers is a rounding midpoint.</summary>
    public double RushIntensity => Math.Round((double)HourlyQuartile / MonthlyDuration, 1);

    public double Lat => From.Lat * 0.985 + To.Lat * 0.015;

    public double Lon => From.Lon * 0.985 + To.Lon * 0.015;
}

/// <summary>
/// Rows some tests add to the hand-built ones, in a stats.db of their own; operating days from <see cref="FirstOperatingDate"/>;
/// operators (code, name) beside <see cref="HandBuiltStatsDb.DataSourceNames"/>.
/// </summary>
public sealed record MoreRows(
    IReadOnlyList<LegStat> Legs, IReadOnlyList<LineStretch> Lines, DateOnly FirstOperatingDate,
    IReadOnlyDictionary<string, string>? DataSources = null, IReadOnlyList<PunctualityRow>? Punctuality = null);

/// <summary>A line's stretch, in stop_line, datasource_line and line_stretch.</summary>
public sealed record LineStretch(string DataSource, string LineRef, Stop From, Stop To, int Position, string Direction = "Outbound");

/// <summary>
/// A stats.db written by hand with the schema the real derivation writes (its tables' DDL is taken
/// from a real stats.db), holding a few stretches with chosen numbers, so the site's figures can be
/// checked exactly: two months with a comparison, two operators, lines, and enough rows at two hours
/// to hit the hot-spot and comparison limits. A third operator (AtB, Trondheim) has the stop and line
/// pages' figures at <see cref="PageHour"/>: a stop with stretches in and out in both months, and a
/// line with two directions.
/// </summary>
public sealed class HandBuiltStatsDb
{
    public static readonly DateOnly January = new(2025, 1, 1);
    public static readonly DateOnly February = new(2025, 2, 1);
    public static readonly DateOnly March = new(2025, 3, 1);
    public static readonly DateOnly FirstDate = new(2025, 1, 6);
    public static readonly DateOnly LastDate = new(2025, 3, 3);

    /// <summary>Data 2 days old, and March started only 4 days ago: January and February are offered.</summary>
    public static readonly DateOnly Today = new(2025, 3, 5);

    public const long ArrivalsCount = 12_345;
    public const long LegCount = 6_789;

    /// <summary>monthly_delay of every hand-picked stretch: the whole day's delay on a stop page.</summary>
    public const int MonthlyDelay = 9;

    /// <summary>The hour of the hand-picked stretches.</summary>
    public const int Hour = 8;

    /// <summary>February at this hour has <see cref="HotSpotCandidates"/> stretches of Ruter, more than the 1000 hot spots.</summary>
    public const int HotSpotHour = 3;
    public const int HotSpotCandidates = 1005;

    /// <summary>January and February at this hour share <see cref="ComparisonRuterRows"/> Ruter and <see cref="ComparisonSkyssRows"/> Skyss stretches.</summary>
    public const int ComparisonHour = 4;
    public const int ComparisonRuterRows = 2100;
    public const int ComparisonSkyssRows = 10;

    public static readonly Stop Alfa = new("NSR:StopPlace:1", "Alfa", 59.90, 10.70);
    public static readonly Stop Bravo = new("NSR:StopPlace:2", "Bravo", 59.92, 10.74);
    public static readonly Stop Charlie = new("NSR:StopPlace:3", "Charlie", 59.94, 10.78);

    /// <summary>A name that needs quoting in CSV and escaping in HTML and JSON.</summary>
    public static readonly Stop Delta = new("NSR:StopPlace:4", "Storgata, \"nord\" <b>", 59.96, 10.82);
    public static readonly Stop Sierra = new("NSR:StopPlace:11", "Sierra", 60.39, 5.32);
    public static readonly Stop Tango = new("NSR:StopPlace:12", "Tango", 60.40, 5.36);

    /// <summary>The hour stop and line pages open at (data-model.md section 5, defaults): AtB's figures are at it.</summary>
    public const int PageHour = 15;

    /// <summary>A second hour of AtB rows in February: another bar in Torget's delay by hour, and a stretch of line 3 without figures at <see cref="PageHour"/>.</summary>
    public const int OtherPageHour = 9;

    public static readonly Stop Ila = new("NSR:StopPlace:21", "Ila", 63.4290, 10.3720);
    public static readonly Stop PrinsensGate = new("NSR:StopPlace:22", "Prinsens gate", 63.4300, 10.3920);
    public static readonly Stop Torget = new("NSR:StopPlace:23", "Torget", 63.4305, 10.3950);
    public static readonly Stop Solsiden = new("NSR:StopPlace:24", "Solsiden", 63.4340, 10.4120);
    public static readonly Stop Lade = new("NSR:StopPlace:25", "Lade", 63.4420, 10.4400);
    public static readonly Stop Ranheim = new("NSR:StopPlace:26", "Ranheim", 63.4290, 10.5200);

    /// <summary>Bergen's Torget: the same name as Trondheim's, another operator (Skyss).</summary>
    public static readonly Stop TorgetBergen = new("NSR:StopPlace:13", "Torget", 60.3950, 5.3250);

    public static readonly IReadOnlyDictionary<string, string> DataSourceNames =
        new Dictionary<string, string> { ["RUT"] = "Ruter", ["SKY"] = "Skyss", ["ATB"] = "AtB" };

    public static readonly IReadOnlyList<LegStat> Legs =
    [
        new(February, Hour, "RUT", Alfa, Bravo, 300, 240, 200, 250, 210, 30, 300, HourlyDelay: 20, HourlyDeviation: 6),
        new(February, Hour, "RUT", Bravo, Charlie, 291, 230, 210, 180, 205, 45, 410),
        new(February, Hour, "RUT", Charlie, Delta, 214, 205, 210, 204, 202, 25, 280),
        new(February, Hour, "SKY", Sierra, Tango, 450, 400, 180, 300, 190, 22, 250),
        new(January, Hour, "RUT", Alfa, Bravo, 260, 200, 195, 200, 198, 28, 290),
        new(January, Hour, "RUT", Bravo, Charlie, 280, 235, 205, 240, 210, 40, 400),
        new(January, Hour, "SKY", Sierra, Tango, 320, 285, 180, 290, 185, 21, 240),
        new(March, Hour, "RUT", Alfa, Bravo, 300, 240, 200, 250, 210, 30, 300),

        // AtB line 3 towards Ranheim, in route order: delay added 10, -5, 30, 20, 15.
        new(February, PageHour, "ATB", Ila, PrinsensGate, 130, 110, 100, 115, 105, 24, 260, HourlyDelay: 40, HourlyDeviation: 10),
        new(February, PageHour, "ATB", PrinsensGate, Torget, 96, 80, 80, 84, 82, 50, 500, HourlyDelay: 35, HourlyDeviation: -5),
        new(February, PageHour, "ATB", Torget, Solsiden, 200, 150, 110, 160, 120, 36, 380, HourlyDelay: 65, HourlyDeviation: 30),
        new(February, PageHour, "ATB", Solsiden, Lade, 170, 140, 120, 145, 125, 28, 300, HourlyDelay: 85, HourlyDeviation: 20),
        new(February, PageHour, "ATB", Lade, Ranheim, 260, 230, 210, 235, 215, 22, 240, HourlyDelay: 100, HourlyDeviation: 15),
        // Towards Ila: delay added 8, none at this hour (Lade-Solsiden runs at 9 only), -3, 12, 0.
        new(February, PageHour, "ATB", Ranheim, Lade, 240, 215, 205, 220, 210, 23, 250, HourlyDelay: 18, HourlyDeviation: 8),
        new(February, PageHour, "ATB", Solsiden, Torget, 120, 100, 95, 104, 98, 55, 460, HourlyDelay: 22, HourlyDeviation: -3),
        new(February, PageHour, "ATB", Torget, PrinsensGate, 110, 85, 75, 90, 80, 31, 340, HourlyDelay: 34, HourlyDeviation: 12),
        new(February, PageHour, "ATB", PrinsensGate, Ila, 120, 108, 100, 111, 104, 26, 270, HourlyDelay: 30, HourlyDeviation: 0),
        new(February, OtherPageHour, "ATB", Lade, Solsiden, 150, 125, 118, 130, 121, 21, 230, HourlyDelay: 25, HourlyDeviation: 7),
        new(February, OtherPageHour, "ATB", PrinsensGate, Torget, 90, 78, 80, 81, 82, 40, 500, HourlyDelay: 20, HourlyDeviation: 2),
        new(January, PageHour, "ATB", PrinsensGate, Torget, 90, 76, 78, 80, 79, 48, 480, HourlyDelay: 26, HourlyDeviation: -4),
        new(January, PageHour, "ATB", Solsiden, Torget, 112, 98, 94, 101, 96, 52, 450, HourlyDelay: 18, HourlyDeviation: -2),
        new(January, PageHour, "ATB", Torget, Solsiden, 180, 140, 108, 150, 115, 35, 370, HourlyDelay: 50, HourlyDeviation: 25),
        new(February, PageHour, "SKY", Tango, TorgetBergen, 200, 170, 150, 175, 155, 25, 260, HourlyDelay: 15, HourlyDeviation: 5),
    ];

    /// <summary>
    /// Saturday and Sunday rows, apart from <see cref="Legs"/> (whose figures are the weekday ones every other test
    /// expects): Alfa to Bravo at <see cref="Hour"/> in February, slower on Saturdays, faster on Sundays.
    /// </summary>
    public static readonly IReadOnlyList<LegStat> WeekendLegs =
    [
        new(February, Hour, "RUT", Alfa, Bravo, 420, 330, 250, 340, 260, 24, 180, HourlyDelay: 45, HourlyDeviation: 15, DayType: DayType.Saturday),
        new(February, Hour, "RUT", Alfa, Bravo, 190, 170, 160, 175, 165, 22, 150, HourlyDelay: 5, HourlyDeviation: 1, DayType: DayType.Sunday),
    ];

    /// <summary>
    /// Weekend rows for the changes of February against January (data-model.md section 7), apart from the rows other tests
    /// count. On Saturdays Alfa to Bravo at 08 (February in <see cref="WeekendLegs"/>) regressed: 250 -> 330 s, at least the
    /// 300 s slow quarter before, 80 x 24 vehicles = 1920; Sierra to Tango (Skyss) improved at 07 (slow quarter now 300 s,
    /// just the median before, 40 x 30 = 1200) and more at 09 (290 s, 50 x 40 = 2000): 3200.
    /// Two Saturday stretches at 10 just miss: Tango to Torget 29 s slower, Bravo to Charlie 39 s slower but 1 s short of
    /// the slow quarter before. On Sundays Alfa to Bravo improved at 08: 230 -> 170 s, 60 x 22 = 1320.
    /// </summary>
    public static readonly IReadOnlyList<LegStat> ChangeLegs =
    [
        new(January, Hour, "RUT", Alfa, Bravo, 300, 250, 240, 255, 245, 23, 170, DayType: DayType.Saturday),
        new(January, Hour, "RUT", Alfa, Bravo, 260, 230, 200, 232, 205, 21, 140, DayType: DayType.Sunday),
        new(January, ChangeHour, "SKY", Sierra, Tango, 340, 300, 280, 305, 285, 25, 200, DayType: DayType.Saturday),
        new(February, ChangeHour, "SKY", Sierra, Tango, 300, 260, 260, 265, 265, 30, 210, DayType: DayType.Saturday),
        new(January, ChangeHour + 2, "SKY", Sierra, Tango, 340, 300, 280, 305, 285, 25, 200, DayType: DayType.Saturday),
        new(February, ChangeHour + 2, "SKY", Sierra, Tango, 290, 250, 260, 255, 265, 40, 210, DayType: DayType.Saturday),
        new(January, ChangeHour + 3, "SKY", Tango, TorgetBergen, 230, 200, 190, 205, 195, 25, 200, DayType: DayType.Saturday),
        new(February, ChangeHour + 3, "SKY", Tango, TorgetBergen, 260, 229, 210, 232, 215, 30, 210, DayType: DayType.Saturday),
        new(January, ChangeHour + 3, "RUT", Bravo, Charlie, 240, 200, 190, 205, 195, 25, 200, DayType: DayType.Saturday),
        new(February, ChangeHour + 3, "RUT", Bravo, Charlie, 270, 239, 220, 242, 225, 30, 210, DayType: DayType.Saturday),
    ];

    /// <summary>The first hour of <see cref="ChangeLegs"/>' Skyss improvement (07); it improved more at 09.</summary>
    public const int ChangeHour = 7;

    public static readonly IReadOnlyList<LineStretch> Lines =
    [
        new("RUT", "RUT:Line:31", Alfa, Bravo, 1),
        new("RUT", "RUT:Line:31", Bravo, Charlie, 2),
        new("RUT", "RUT:Line:5", Charlie, Delta, 1),
        new("RUT", "RUT:Line:N5", Charlie, Delta, 1),
        new("RUT", "RUT:Line:100", Alfa, Bravo, 1),
        new("RUT", "RUT:Line:FB", Bravo, Charlie, 1),
        new("SKY", "SKY:Line:2", Sierra, Tango, 1),

        // Written out of route order, with positions (median sequence numbers) that are not 1, 2, 3.
        new("ATB", "ATB:Line:3", Torget, Solsiden, 6),
        new("ATB", "ATB:Line:3", Ila, PrinsensGate, 2),
        new("ATB", "ATB:Line:3", Lade, Ranheim, 11),
        new("ATB", "ATB:Line:3", PrinsensGate, Torget, 4),
        new("ATB", "ATB:Line:3", Solsiden, Lade, 8),
        new("ATB", "ATB:Line:3", Solsiden, Torget, 5, "Inbound"),
        new("ATB", "ATB:Line:3", PrinsensGate, Ila, 9, "Inbound"),
        new("ATB", "ATB:Line:3", Ranheim, Lade, 1, "Inbound"),
        new("ATB", "ATB:Line:3", Torget, PrinsensGate, 7, "Inbound"),
        new("ATB", "ATB:Line:3", Lade, Solsiden, 3, "Inbound"),
        new("ATB", "ATB:Line:11", PrinsensGate, Torget, 3),
    ];

    private HandBuiltStatsDb(string folder, long legStatsRows)
    {
        Folder = folder;
        LegStatsRows = legStatsRows;
    }

    /// <summary>The pond folder holding the stats.db.</summary>
    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, PondLayout.StatsDb);

    public long LegStatsRows { get; }

    public static LegStat Leg(DateOnly month, string dataSource, Stop from, Stop to) =>
        Legs.Single(l => l.Month == month && l.DataSource == dataSource && l.From == from && l.To == to);

    /// <summary>The stretches of a month and hour with <paramref name="stop"/> at one end: into it (<paramref name="arriving"/>) or out of it.</summary>
    public static IEnumerable<LegStat> Through(Stop stop, DateOnly month, int hour, bool arriving) =>
        Legs.Where(l => l.Month == month && l.Hour == hour && (arriving ? l.To : l.From) == stop);

    /// <summary>A line's stretches in one direction, in route order (position).</summary>
    public static IReadOnlyList<LineStretch> Route(string lineRef, string direction) =>
        Lines.Where(s => s.LineRef == lineRef && s.Direction == direction).OrderBy(s => s.Position).ToList();

    /// <summary>
    /// Writes the stats.db into <paramref name="folder"/>, with the tables of the real stats.db at <paramref name="schemaFrom"/>;
    /// <paramref name="more"/> adds rows, lines and earlier operating days for one group of tests, in a stats.db of its own.
    /// </summary>
    public static HandBuiltStatsDb Build(string schemaFrom, string folder, MoreRows? more = null)
    {
        Directory.CreateDirectory(folder);
        var (tables, schemaVersion) = ReadSchema(schemaFrom);
        using var db = DuckDbConnections.Open(System.IO.Path.Combine(folder, PondLayout.StatsDb));
        foreach (var ddl in tables)
        {
            db.Execute(ddl);
        }
        if (schemaVersion is not null)
        {
            db.Execute("INSERT INTO schema_version (version) VALUES ($v)", ("v", schemaVersion));
        }
        foreach (var (code, name) in DataSourceNames.Concat(more?.DataSources ?? new Dictionary<string, string>()))
        {
            db.Execute("INSERT INTO datasources (dataSource, dataSourceName) VALUES ($ds, $name)", ("ds", code), ("name", name));
        }
        // The rows go in as leg_stats partitions, as the job writes them, and through the job's own monthly inserts.
        db.Execute(SqlScripts.Load("StatsDb/keys.sql"));
        db.Execute(SqlScripts.Load("StatsDb/change_kind.sql"));
        db.Execute("CREATE TEMP TABLE leg_stats AS FROM read_parquet($files, hive_partitioning = true) LIMIT 0",
            ("files", PondLayout.Glob(System.IO.Path.GetDirectoryName(schemaFrom)!, PondLayout.LegStats)));
        foreach (var leg in Legs.Concat(WeekendLegs).Concat(ChangeLegs).Concat(more?.Legs ?? []))
        {
            Insert(db, leg);
        }
        InsertHotSpotCandidates(db);
        InsertComparisonRows(db);
        InsertLines(db, Lines.Concat(more?.Lines ?? []));
        var legStats = System.IO.Path.Combine(folder, PondLayout.LegStats);
        db.Execute("COPY leg_stats TO $folder (FORMAT parquet, PARTITION_BY (month))", ("folder", legStats));
        var months = new List<DateOnly>();
        using (var reader = db.Query("SELECT DISTINCT month FROM leg_stats ORDER BY month"))
        {
            while (reader.Read())
            {
                months.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }
        foreach (var month in months)
        {
            Kollektivkart.Data.Transforms.Derivation.InsertLegStatsMonth(db, month,
                Directory.GetFiles(System.IO.Path.Combine(folder, PartitionRef.Month(PondLayout.LegStats, month).RelativePath), "*.parquet"));
        }
        db.Execute(SqlScripts.Load("StatsDb/stop_delay_order.sql"));
        foreach (var month in months)
        {
            Kollektivkart.Data.Transforms.Derivation.InsertMonthChanges(db, month);
        }
        db.Execute(SqlScripts.Load("StatsDb/stops.sql"));
        db.Execute(SqlScripts.Load("StatsDb/line_route.sql"));
        db.Execute(SqlScripts.Load("StatsDb/stop_lines.sql"));
        HandBuiltPunctuality.Insert(db, HandBuiltPunctuality.All.Concat(more?.Punctuality ?? []));
        db.Execute("INSERT INTO arrivals_stats (min_date, max_date, total_arrivals, total_legs) VALUES ($first, $last, $arrivals, $legs)",
            ("first", FirstDate), ("last", LastDate), ("arrivals", ArrivalsCount), ("legs", LegCount));
        db.Execute("INSERT INTO derived_from (operatingDate) SELECT CAST(d AS DATE) FROM range(CAST($first AS DATE), DATE '2025-03-04', INTERVAL 1 DAY) t(d)",
            ("first", more?.FirstOperatingDate ?? FirstDate));
        var rows = db.Scalar<long>("SELECT count(*) FROM leg_stat_rows");
        return new HandBuiltStatsDb(folder, rows);
    }

    private static (List<string> Tables, int? SchemaVersion) ReadSchema(string statsDb)
    {
        using var source = DuckDbConnections.Open(statsDb, readOnly: true);
        var tables = new List<string>();
        var hasVersion = false;
        using (var reader = source.Query("SELECT table_name, sql FROM duckdb_tables() ORDER BY table_name"))
        {
            while (reader.Read())
            {
                hasVersion |= reader.GetString(0) == "schema_version";
                tables.Add(reader.GetString(1));
            }
        }
        return (tables, hasVersion ? source.Scalar<int>("SELECT version FROM schema_version") : null);
    }

    private const string LegStatsColumns =
        "month, day_type, hour, dataSource, from_stop_id, to_stop_id, from_stop, to_stop, from_lat, from_lon, to_lat, to_lon, air_distance_meters, " +
        "hourly_quartile, hourly_duration, hourly_delay, hourly_deviation, mean_hourly_duration, hourly_count, " +
        "monthly_duration, monthly_quartile, monthly_delay, monthly_deviation, mean_monthly_duration, monthly_count";

    private static void Insert(DuckDBConnection db, LegStat l) =>
        db.Execute($"""
            INSERT INTO leg_stats ({LegStatsColumns}) VALUES (
                $month, $day_type, $hour, $ds, $from_id, $to_id, $from_name, $to_name, $from_lat, $from_lon, $to_lat, $to_lon, $distance,
                $hq, $hd, $delay, $deviation, $mean_h, $hc,
                $md, $md + 15, $monthly_delay, 3, $mean_m, $mc)
            """,
            ("month", l.Month), ("day_type", l.DayType.Name()), ("hour", l.Hour), ("ds", l.DataSource),
            ("from_id", l.From.Id), ("to_id", l.To.Id), ("from_name", l.From.Name), ("to_name", l.To.Name),
            ("from_lat", l.From.Lat), ("from_lon", l.From.Lon), ("to_lat", l.To.Lat), ("to_lon", l.To.Lon),
            ("distance", l.AirDistanceMeters), ("hq", l.HourlyQuartile), ("hd", l.HourlyDuration), ("delay", l.HourlyDelay),
            ("deviation", l.HourlyDeviation), ("mean_h", l.MeanHourlyDuration), ("hc", l.HourlyCount),
            ("md", l.MonthlyDuration), ("monthly_delay", MonthlyDelay), ("mean_m", l.MeanMonthlyDuration), ("mc", l.MonthlyCount));

    /// <summary>Ruter stretch i has rush intensity round((200 + i) / 200, 1): the five lowest (i &lt; 5, 1.0) fall outside the 1000.</summary>
    private static void InsertHotSpotCandidates(DuckDBConnection db) =>
        db.Execute($"""
            INSERT INTO leg_stats ({LegStatsColumns})
            SELECT $month, 'weekday', $hour, 'RUT', 'TEST:Hot:' || i, 'TEST:HotTo:' || i, 'Hot ' || i, 'Hot to ' || i,
                   59.0 + i / 10000, 10.0, 59.001 + i / 10000, 10.001, 150,
                   200 + i, 190, 0, 0, 195, 30, 200, 215, 0, 0, 200, 300
            FROM range($n) t(i)
            """,
            ("month", February), ("hour", HotSpotHour), ("n", HotSpotCandidates));

    /// <summary>
    /// Stretches in both months at <see cref="ComparisonHour"/>: mean 100 s before, 100 + (i % 200) s now
    /// for Ruter, 100 + 3i s for Skyss.
    /// </summary>
    private static void InsertComparisonRows(DuckDBConnection db)
    {
        foreach (var (ds, count, change) in new[] { ("RUT", ComparisonRuterRows, "i % 200"), ("SKY", ComparisonSkyssRows, "3 * i") })
        {
            foreach (var (month, mean) in new[] { (January, "100"), (February, $"100 + {change}") })
            {
                db.Execute($"""
                    INSERT INTO leg_stats ({LegStatsColumns})
                    SELECT $month, 'weekday', $hour, $ds, $ds || ':Cmp:' || i, $ds || ':CmpTo:' || i, 'Cmp ' || i, 'Cmp to ' || i,
                           61.0, 9.0, 61.001, 9.001, 150,
                           {mean} + 10, {mean}, 0, 0, {mean}, 25, 100, 110, 0, 0, 100, 250
                    FROM range($n) t(i)
                    """,
                    ("month", month), ("hour", ComparisonHour), ("ds", ds), ("n", count));
            }
        }
    }

    /// <summary>The lines in the tables the derivation fills from legs; line_direction comes from its script, as in a run.</summary>
    private static void InsertLines(DuckDBConnection db, IEnumerable<LineStretch> lines)
    {
        foreach (var s in lines)
        {
            db.Execute("INSERT INTO stop_line (lineRef, dataSource, from_stop_id, to_stop_id) VALUES ($line, $ds, $from, $to)",
                ("line", s.LineRef), ("ds", s.DataSource), ("from", s.From.Id), ("to", s.To.Id));
            db.Execute("""
                INSERT INTO line_stretch (dataSource, lineRef, direction, from_stop_id, to_stop_id, from_stop, to_stop, position, legs)
                VALUES ($ds, $line, $direction, $from, $to, $from_name, $to_name, $position, 30)
                """,
                ("ds", s.DataSource), ("line", s.LineRef), ("direction", s.Direction), ("from", s.From.Id), ("to", s.To.Id),
                ("from_name", s.From.Name), ("to_name", s.To.Name), ("position", s.Position));
        }
        foreach (var (ds, line) in lines.Select(s => (s.DataSource, s.LineRef)).Distinct())
        {
            db.Execute("INSERT INTO datasource_line (dataSource, lineRef) VALUES ($ds, $line)", ("ds", ds), ("line", line));
        }
        Rederive(db, "line_direction", "line_direction");
    }

    /// <summary>Drops the tables a StatsDb script writes and runs it again on the rows inserted here.</summary>
    private static void Rederive(DuckDBConnection db, string script, params string[] tables)
    {
        foreach (var table in tables)
        {
            db.Execute($"DROP TABLE IF EXISTS {table}");
        }
        db.Execute(SqlScripts.Load($"StatsDb/{script}.sql"));
    }
}
