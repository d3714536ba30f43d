using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Transforms;

/// <summary>
/// The stats.db step. A night builds stats.db from the one it published the night before: a copy of it, in which only
/// the months whose source days changed (their <see cref="PondLayout.SourceDaysFile"/> differs from the one recorded in
/// table built_months) are deleted and inserted again, with the month after each for month_changes, and the small
/// tables made from every month (stops, lines, names) made again. Its cost follows the months that changed, not the
/// history. A full build, month by month into an empty file, is for a pond without a stats.db this build serves
/// (another schema version, damaged, missing) and for --invalidate. Either way the file is checked as the site opens it
/// before it is published.
/// </summary>
public sealed partial class Derivation
{
    /// <summary>A table with a month column built one month at a time by <see cref="Script"/>, a SELECT of that month's rows.</summary>
    private sealed record MonthlyTable(string Table, string Script);

    /// <summary>From the leg_stats partition of a month ($leg_stats), then from its rows in leg_stat_rows ($month), in this order.</summary>
    private static readonly MonthlyTable[] LegStatsTables =
    [
        new("leg_stat_rows", "StatsDb/leg_stat_rows.sql"),
        new("hot_spots", "StatsDb/hot_spots.sql"),
        new("stop_delay", "StatsDb/stop_delay.sql"),
        new("stop_months", "StatsDb/stop_months.sql"),
        new("month_stretches", "StatsDb/month_stretches.sql"),
        new("stretch_months", "StatsDb/stretch_months.sql"),
    ];

    /// <summary>A month against the month before: built for each month that changed and the month after it.</summary>
    private static readonly MonthlyTable MonthChanges = new("month_changes", "StatsDb/month_changes.sql");

    /// <summary>From the punctuality partition of a month ($punctuality).</summary>
    private static readonly MonthlyTable[] PunctualityTables =
    [
        new("punctuality_operator", "StatsDb/Punctuality/operator.sql"),
        new("punctuality_line", "StatsDb/Punctuality/line.sql"),
        new("punctuality_stop_line_direction", "StatsDb/Punctuality/stop_line_direction.sql"),
        new("punctuality_stop_line", "StatsDb/Punctuality/stop_line.sql"),
        new("punctuality_stop", "StatsDb/Punctuality/stop.sql"),
        new("punctuality_stop_months", "StatsDb/Punctuality/stop_months.sql"),
    ];

    internal static IEnumerable<string> StatsDbScripts =>
        LegStatsTables.Append(MonthChanges).Concat(PunctualityTables).Select(t => t.Script).Concat(
        [
            "StatsDb/keys.sql", "StatsDb/change_kind.sql", "StatsDb/stop_delay_order.sql", "StatsDb/stretch_months_order.sql", "StatsDb/datasources.sql", "StatsDb/datasource_line.sql",
            "StatsDb/stop_line.sql", "StatsDb/line_stretch.sql", "StatsDb/line_direction.sql", "StatsDb/stops.sql",
            "StatsDb/line_route.sql", "StatsDb/stop_lines.sql", "StatsDb/Punctuality/names.sql", "StatsDb/arrivals_stats.sql",
            "StatsDb/derived_from.sql", "StatsDb/schema_version.sql", "StatsDb/built_months.sql", "StatsDb/built_month.sql",
        ]);

    /// <summary>What a monthly dataset's months were built from: each month's record of source days, as text.</summary>
    private sealed record MonthSources(string Dataset, IReadOnlyDictionary<DateOnly, string> Months)
    {
        /// <summary>The months whose record differs from <paramref name="built"/>'s, or that it lacks: the ones to build.</summary>
        public List<DateOnly> ChangedSince(MonthSources? built) =>
            Months.Where(m => built is null || !built.Months.TryGetValue(m.Key, out var text) || text != m.Value)
                .Select(m => m.Key).Order().ToList();

        /// <summary>The months <paramref name="built"/> holds that the pond no longer has: their rows are deleted.</summary>
        public List<DateOnly> GoneSince(MonthSources? built) =>
            built is null ? [] : built.Months.Keys.Where(m => !Months.ContainsKey(m)).Order().ToList();
    }

    private long WriteStatsDb(StepContext step)
    {
        step.Starting(PondLayout.StatsDb);
        using var staging = pond.BeginStaging();
        var file = staging.FilePath(PondLayout.StatsDb);
        var previous = Path.Combine(pond.Root, PondLayout.StatsDb);
        var reason = FullBuildReason(previous);
        if (reason is null)
        {
            // A copy: the site keeps reading the published file until the new one replaces it.
            File.Copy(previous, file, overwrite: true);
        }
        var timings = new List<string>();
        IReadOnlyDictionary<string, long> written;
        using (var db = DuckDbConnections.OpenInMemory(options.DuckDb))
        {
            Execute(db, string.Create(CultureInfo.InvariantCulture, $"ATTACH {SqlLiteral(file)} AS stats (ROW_GROUP_SIZE {options.StatsDbRowGroupSize}); USE stats"),
                PondLayout.StatsDb, []);
            void Timed(string what, Action build)
            {
                var clock = Stopwatch.StartNew();
                build();
                timings.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {clock.Elapsed.TotalSeconds:F2} s"));
                // A build from scratch takes minutes at national scale: a line per table shows where it is.
                logger.LogInformation("stats.db: {Table} built in {Seconds:F2} s", what, clock.Elapsed.TotalSeconds);
            }
            void Run(string script, string what, params (string Name, object? Value)[] parameters) =>
                Timed(Path.GetFileNameWithoutExtension(script), () => ExecuteScript(db, script, what, parameters));

            var legStats = Sources(PondLayout.LegStats);
            var punctuality = Sources(PondLayout.Punctuality);
            var built = reason is null ? BuiltMonths(db) : [];
            var legBuilt = built.GetValueOrDefault(PondLayout.LegStats);
            var punctualityBuilt = built.GetValueOrDefault(PondLayout.Punctuality);
            var legMonths = legStats.ChangedSince(legBuilt);
            var legGone = legStats.GoneSince(legBuilt);
            var punctualityMonths = punctuality.ChangedSince(punctualityBuilt);
            var punctualityGone = punctuality.GoneSince(punctualityBuilt);
            // month_changes compares a month with the month before: a changed month changes its own and the next one's.
            var changesMonths = legMonths.Concat(legGone).SelectMany(m => new[] { m, m.AddMonths(1) }).Distinct().Order().ToList();
            logger.LogInformation(
                "Building stats.db {How}: leg_stats months {LegMonths} of {LegTotal} ({LegGone} gone), punctuality months {PunctualityMonths} of {PunctualityTotal} ({PunctualityGone} gone)",
                reason is null ? "from the one published before" : "from scratch, " + reason,
                Months(legMonths), legStats.Months.Count, Months(legGone),
                Months(punctualityMonths), punctuality.Months.Count, Months(punctualityGone));

            Run("StatsDb/keys.sql", PondLayout.StatsDb);
            Run("StatsDb/change_kind.sql", PondLayout.StatsDb);
            foreach (var table in LegStatsTables)
            {
                Timed(table.Table, () => ReplaceMonths(db, table, legMonths, legGone, step,
                    month => LegStatsParameters(table, month, MonthFiles(PondLayout.LegStats, month))));
            }
            if (legMonths.Count + legGone.Count > 0 && !OnlyNewestAgain(legMonths, legGone, legBuilt))
            {
                // Ordered across months, a key's months in one row group: ordered whole again when a month other than the
                // newest changed or a new month began. Other nights, the most, only add days to the newest month, whose
                // rows ReplaceMonths appends in key order: a lookup then reads its key's row group and the newest month's,
                // and the night's cost does not grow with the history.
                Run("StatsDb/stop_delay_order.sql", PondLayout.StatsDb);
                Run("StatsDb/stretch_months_order.sql", PondLayout.StatsDb);
            }
            else if (legMonths.Count > 0)
            {
                logger.LogInformation("stats.db: {Month} appended to stop_delay and stretch_months in key order; the months before it stay ordered",
                    legMonths[0].ToString("yyyy-MM", CultureInfo.InvariantCulture));
            }
            Timed(MonthChanges.Table, () => ReplaceMonths(db, MonthChanges,
                changesMonths.Where(legStats.Months.ContainsKey).ToList(), changesMonths, step, month => [("month", month)]));
            foreach (var table in PunctualityTables)
            {
                Timed(table.Table, () => ReplaceMonths(db, table, punctualityMonths, punctualityGone, step,
                    month => [("punctuality", MonthFiles(PondLayout.Punctuality, month))]));
            }

            var root = pond.Root;
            Run("StatsDb/datasources.sql", PondLayout.DataSources, ("datasources", Path.Combine(root, PondLayout.DataSources)));
            Run("StatsDb/datasource_line.sql", PondLayout.DataSourceLine, ("datasource_line", Path.Combine(root, PondLayout.DataSourceLine)));
            Run("StatsDb/stop_line.sql", PondLayout.StopLine, ("stop_line", Path.Combine(root, PondLayout.StopLine)));
            Run("StatsDb/line_stretch.sql", PondLayout.LineStretch, ("line_stretch", Path.Combine(root, PondLayout.LineStretch)));
            Run("StatsDb/line_direction.sql", PondLayout.LineStretch);
            Run("StatsDb/stops.sql", PondLayout.StatsDb);
            Run("StatsDb/line_route.sql", PondLayout.LineStretch);
            Run("StatsDb/stop_lines.sql", PondLayout.StopLine);
            Run("StatsDb/Punctuality/names.sql", PondLayout.Punctuality);
            Run("StatsDb/arrivals_stats.sql", PondLayout.DaySummary(CountsPart), ("counts", DaySummaryFiles(CountsPart)));
            Run("StatsDb/derived_from.sql", PondLayout.Legs, ("days", pond.PartitionValues(PondLayout.Legs, PondLayout.DayKey).ToList()));
            Run("StatsDb/schema_version.sql", PondLayout.StatsDb, ("version", StatsDbSchema.Version));
            Run("StatsDb/built_months.sql", PondLayout.StatsDb);
            foreach (var sources in new[] { legStats, punctuality })
            {
                foreach (var (month, text) in sources.Months)
                {
                    ExecuteScript(db, "StatsDb/built_month.sql", PondLayout.StatsDb,
                        ("dataset", sources.Dataset), ("month", month), ("source_days", text));
                }
            }
            Execute(db, "CHECKPOINT stats", PondLayout.StatsDb, []);
            written = StatsDatabase.RowCounts(db);
        }
        // The tables from every month are small; the monthly ones cost what the months that changed hold.
        logger.LogInformation("stats.db tables built: {Tables}", string.Join(", ", timings));
        PublishStatsDb(file, written);
        step.Done(1);
        return 1;
    }

    /// <summary>Whether the night changes only the newest month the published stats.db already holds, and removes none.</summary>
    private static bool OnlyNewestAgain(IReadOnlyList<DateOnly> changed, IReadOnlyList<DateOnly> gone, MonthSources? built) =>
        built is { Months.Count: > 0 } && gone.Count == 0 && changed.Count == 1 && changed[0] == built.Months.Keys.Max();

    /// <summary>Why stats.db is built from scratch: null when the published one can be built on.</summary>
    private string? FullBuildReason(string previous)
    {
        if (options.Invalidate)
        {
            return "as --invalidate asks";
        }
        if (!File.Exists(previous))
        {
            return "as the pond has none";
        }
        try
        {
            StatsDatabase.Check(previous);
            return null;
        }
        catch (Exception e) when (e is InvalidStatsDbException or DuckDBException)
        {
            return "as the one published cannot be built on: " + (e is InvalidStatsDbException i ? i.Problem : FirstLine(e.Message));
        }
    }

    /// <summary>
    /// Deletes the rows of <paramref name="months"/> and <paramref name="gone"/> from a monthly table and inserts those of
    /// <paramref name="months"/> again, a month at a time in month order, each month's rows in its script's order. A table
    /// not there yet is made by its first month.
    /// </summary>
    private void ReplaceMonths(DuckDBConnection db, MonthlyTable table, IReadOnlyList<DateOnly> months, IReadOnlyList<DateOnly> gone,
        StepContext step, Func<DateOnly, (string Name, object? Value)[]> parameters)
    {
        var sql = SqlScripts.Load(table.Script);
        var exists = db.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'stats' AND table_name = $table",
            ("table", table.Table)) > 0;
        foreach (var month in months.Concat(gone).Distinct().Order())
        {
            if (exists)
            {
                Execute(db, $"DELETE FROM {table.Table} WHERE month = $month", table.Table, [("month", month)]);
            }
        }
        foreach (var month in months)
        {
            step.Starting($"{table.Table} {month:yyyy-MM}");
            var what = $"{table.Table} {month:yyyy-MM}";
            Execute(db, exists ? $"INSERT INTO {table.Table} BY NAME {sql}" : $"CREATE TABLE {table.Table} AS {sql}", what, parameters(month));
            exists = true;
        }
    }

    /// <summary>The parameters of a table made from leg_stats for one month: its leg_stats files for the first, the month for the rest.</summary>
    private static (string Name, object? Value)[] LegStatsParameters(MonthlyTable table, DateOnly month, IReadOnlyList<string> files) =>
        table == LegStatsTables[0] ? [("leg_stats", files.ToList())]
        : table.Table == "hot_spots" ? [("month", month), ("limit", MapQueries.HotSpotLimit)]
        : [("month", month)];

    /// <summary>
    /// Inserts one month into the tables made from leg_stats, from that month's leg_stats <paramref name="files"/>, as a
    /// night does for a month that changed; <see cref="InsertMonthChanges"/> then compares it with the month before. For
    /// test fixtures that write leg_stats rows of their own into a stats.db with the tables of a real one.
    /// </summary>
    public static void InsertLegStatsMonth(DuckDBConnection db, DateOnly month, IReadOnlyList<string> files)
    {
        foreach (var table in LegStatsTables)
        {
            Execute(db, $"INSERT INTO {table.Table} BY NAME {SqlScripts.Load(table.Script)}", table.Table, LegStatsParameters(table, month, files));
        }
    }

    /// <summary>Inserts month_changes of <paramref name="month"/> against the month before (see <see cref="InsertLegStatsMonth"/>).</summary>
    public static void InsertMonthChanges(DuckDBConnection db, DateOnly month) =>
        Execute(db, $"INSERT INTO {MonthChanges.Table} BY NAME {SqlScripts.Load(MonthChanges.Script)}", MonthChanges.Table, [("month", month)]);

    /// <summary>The records of source days of a monthly dataset's months in the pond.</summary>
    private MonthSources Sources(string dataset) =>
        new(dataset, pond.PartitionValues(dataset, PondLayout.MonthKey)
            .Select(PondLayout.ParseDay)
            .ToDictionary(m => m, m =>
            {
                var record = Path.Combine(pond.Root, PartitionRef.Month(dataset, m).RelativePath, PondLayout.SourceDaysFile);
                return File.Exists(record) ? File.ReadAllText(record) : "";
            }));

    /// <summary>What the stats.db being built on was built from (table built_months).</summary>
    private static Dictionary<string, MonthSources> BuiltMonths(DuckDBConnection db)
    {
        var rows = new List<(string Dataset, DateOnly Month, string Text)>();
        using (var reader = db.Query("SELECT dataset, month, source_days FROM built_months"))
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2)));
            }
        }
        return rows.GroupBy(r => r.Dataset)
            .ToDictionary(g => g.Key, g => new MonthSources(g.Key, g.ToDictionary(r => r.Month, r => r.Text)));
    }

    private List<string> MonthFiles(string dataset, DateOnly month) =>
        [.. PartitionFiles(pond, PartitionRef.Month(dataset, month))];

    private static string Months(IReadOnlyList<DateOnly> months) =>
        months.Count == 0 ? "none" : string.Join(" ", months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

    /// <summary>A file path as a SQL string literal, for ATTACH, which takes no parameter.</summary>
    private static string SqlLiteral(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
