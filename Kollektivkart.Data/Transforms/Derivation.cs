using System.Diagnostics;
using DuckDB.NET.Data;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Transforms;

/// <summary>
/// The transform half of the nightly run: raw arrivals to route_name, legs and a day summary per operating
/// day, leg_stats per month, the small lookup tables (added up from the day summaries), and stats.db. Steps
/// run in order and stop at the first failure; each partition and file is written aside and committed whole.
/// </summary>
public sealed partial class Derivation(IPond pond, RunOptions options, ILogger logger, IProgress<RunProgress>? progress = null)
{
    private static readonly string[] Scripts =
    [
        "stop_lookup.sql", "clean_calls.sql", "route_name.sql", "directions.sql", "legs.sql", "leg_stats.sql", "departures.sql", "punctuality.sql",
        "datasources.sql", "datasource_line.sql", "stop_line.sql", "line_stretch.sql",
        "DaySummary/datasources.sql", "DaySummary/datasource_line.sql", "DaySummary/stop_line.sql",
        "DaySummary/line_stretch.sql", "DaySummary/counts.sql",
    ];

    /// <summary>
    /// Each lookup file and the day summary part (<see cref="PondLayout.DaySummary"/>) it adds up: a day's part is written
    /// by DaySummary/{Part}.sql from that day's arrivals or legs, the lookup by {Part}.sql from every day's part.
    /// </summary>
    private static readonly (string File, string Part, string Input)[] Lookups =
    [
        (PondLayout.DataSources, "datasources", PondLayout.Arrivals),
        (PondLayout.DataSourceLine, "datasource_line", PondLayout.Legs),
        (PondLayout.StopLine, "stop_line", PondLayout.Legs),
        (PondLayout.LineStretch, "line_stretch", PondLayout.Legs),
    ];

    /// <summary>
    /// The day summary part arrivals_stats adds up: one row of the day's arrivals and legs. Written last and
    /// deleted first, it marks a day's summary complete.
    /// </summary>
    private const string CountsPart = "counts";

    private static IEnumerable<string> SummaryParts => Lookups.Select(l => l.Part).Prepend(CountsPart);

    /// <summary>The lookup files a published stats.db is built from; a run writes them again when one is missing.</summary>
    internal static IEnumerable<string> LookupFiles => Lookups.Select(l => l.File);

    public RunReport Run(CancellationToken cancellationToken = default)
    {
        SqlScripts.VerifyAll(Scripts.Concat(StatsDbScripts));
        var plan = DerivationPlan.For(pond, options);
        CheckRawInputs(plan);
        if (plan.NothingToDo)
        {
            var months = plan.RawDays.Select(DerivationPlan.MonthOf).Distinct().Count();
            logger.LogInformation(
                "Nothing new: {Days} operating days and {Months} months are up to date in {Pond}; nothing written",
                plan.RawDays.Count, months, pond.Location);
            return new RunReport([]);
        }
        logger.LogInformation(
            "Deriving {Days} operating days and {Months} months in {Pond} (invalidate: {Invalidate}, from {FromDate}); " +
            "punctuality: {DepartureDays} days and {PunctualityMonths} months",
            plan.Days.Count, plan.Months.Count, pond.Location, options.Invalidate, PondLayout.Format(options.FromDate),
            plan.DepartureDays.Count, plan.PunctualityMonths.Count);

        using var connection = DuckDbConnections.OpenInMemory(options.DuckDb);
        var steps = new List<StepReport>
        {
            RunStep("legs", plan.Days.Count, cancellationToken, step => DeriveLegs(connection, plan.Days, step)),
            RunStep("leg_stats", plan.Months.Count, cancellationToken, step => DeriveLegStats(connection, plan.Months, step)),
            RunStep("departures", plan.DepartureDays.Count, cancellationToken, step => DeriveDepartures(connection, plan.DepartureDays, step)),
            RunStep("punctuality", plan.PunctualityMonths.Count, cancellationToken, step => DerivePunctuality(connection, plan.PunctualityMonths, step)),
            RunStep("lookups", Lookups.Length, cancellationToken, step => WriteLookups(connection, step)),
            RunStep("stats.db", 1, cancellationToken, WriteStatsDb),
        };
        return new RunReport(steps);
    }

    private void CheckRawInputs(DerivationPlan plan)
    {
        var missing = new[] { PondLayout.Stops, PondLayout.Quays }.Where(f => !pond.FileExists(f)).ToList();
        if (plan.RawDays.Count == 0 || missing.Count > 0)
        {
            var what = plan.RawDays.Count == 0 ? [PondLayout.Arrivals + "/operatingDate=YYYY-MM-DD/"] : missing;
            throw new PondException(
                $"The pond {pond.Location} has no raw data: {string.Join(", ", what)} missing. " +
                "Write demo data with `demo <pond>` or sync from BigQuery first.");
        }
        var files = new List<string> { Path.Combine(pond.Root, PondLayout.Stops), Path.Combine(pond.Root, PondLayout.Quays) };
        foreach (var day in plan.Days)
        {
            var partition = PartitionRef.Day(PondLayout.Arrivals, day);
            var dayFiles = PartitionFiles(pond, partition);
            if (dayFiles.Count == 0)
            {
                throw new PondException($"The raw partition {partition.RelativePath} in {pond.Location} holds no .parquet file.");
            }
            files.AddRange(dayFiles);
        }
        foreach (var file in files)
        {
            ParquetFiles.CheckMagic(file);
        }
    }

    private StepReport RunStep(string name, int total, CancellationToken cancellationToken, Func<StepContext, long> work)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = new StepContext(name, total, logger, progress, cancellationToken);
        logger.LogInformation("Step {Step}: {Partitions} partitions to write", name, total);
        var rows = work(step);
        var report = new StepReport(name, total, rows, step.Elapsed);
        logger.LogInformation(
            "Step {Step} done: {Partitions} partitions, {Rows} rows in {Seconds:F2} s",
            name, total, rows, report.Duration.TotalSeconds);
        return report;
    }

    private long DeriveLegs(DuckDBConnection connection, IReadOnlyList<DateOnly> days, StepContext step)
    {
        if (days.Count == 0)
        {
            return 0;
        }
        EnsureStopLookup(connection);
        var rows = 0L;
        foreach (var day in days)
        {
            step.Starting(PondLayout.Format(day));
            CreateCleanCalls(connection, pond, day);
            // The day's summary goes before its legs change: a run killed in between leaves it missing, and
            // the lookups step writes missing ones, so a summary never describes legs that were replaced.
            foreach (var part in SummaryParts)
            {
                pond.DeletePartition(PartitionRef.Day(PondLayout.DaySummary(part), day));
            }
            using var staging = pond.BeginStaging();
            WritePartition(connection, staging, "route_name.sql", PartitionRef.Day(PondLayout.RouteName, day), []);
            CreateDirections(connection, pond, day);
            rows += WritePartition(connection, staging, "legs.sql", PartitionRef.Day(PondLayout.Legs, day), []);
            WriteDaySummary(connection, staging, day);
            step.Done(rows);
        }
        connection.Execute("DROP TABLE IF EXISTS clean_calls");
        return rows;
    }

    private bool _stopLookup;

    /// <summary>stop_lookup in this run's connection, read from stops and quays once however many steps need it.</summary>
    private void EnsureStopLookup(DuckDBConnection connection)
    {
        if (!_stopLookup)
        {
            CreateStopLookup(connection, pond);
            _stopLookup = true;
        }
    }

    /// <summary>Temp table stop_lookup: every stop reference a call may carry, mapped to its stop place.</summary>
    internal static void CreateStopLookup(DuckDBConnection connection, IPond pond) =>
        ExecuteScript(connection, "stop_lookup.sql", "stops and quays",
            ("stops", Path.Combine(pond.Root, PondLayout.Stops)),
            ("quays", Path.Combine(pond.Root, PondLayout.Quays)));

    /// <summary>Temp table directions: one operating day's routes with their canonical direction (needs that day's route_name).</summary>
    private static void CreateDirections(DuckDBConnection connection, IPond pond, DateOnly day) =>
        ExecuteScript(connection, "directions.sql", PartitionRef.Day(PondLayout.RouteName, day).RelativePath,
            ("route_names", PondLayout.Glob(pond.Root, PondLayout.RouteName)), ("operating_date", day));

    /// <summary>Temp table clean_calls: one operating day's calls after the cleaning rules (needs stop_lookup).</summary>
    internal static void CreateCleanCalls(DuckDBConnection connection, IPond pond, DateOnly day)
    {
        var arrivals = PartitionRef.Day(PondLayout.Arrivals, day);
        ExecuteScript(connection, "clean_calls.sql", arrivals.RelativePath,
            ("arrivals", PartitionFiles(pond, arrivals)), ("operating_date", day));
    }

    private long DeriveLegStats(DuckDBConnection connection, IReadOnlyList<DateOnly> months, StepContext step) =>
        DeriveMonths(months, PondLayout.Legs, PondLayout.LegStats, DerivationPlan.LegStatsFormat, step,
            (staging, partition, files, beforeCommit) => WriteLegStatsPartition(connection, staging, partition, files, beforeCommit));

    /// <summary>
    /// Each of <paramref name="months"/> of a monthly dataset from that month's partitions of a daily one, and only those:
    /// a night reads the months that gained a day, never the history before them. A month without days loses its
    /// partition; one with days gets its source days recorded beside it (<see cref="PondLayout.SourceDaysFile"/>, first
    /// line <paramref name="format"/>), which the plan compares with the days it has.
    /// </summary>
    private long DeriveMonths(IReadOnlyList<DateOnly> months, string daily, string monthly, string format, StepContext step,
        Func<StagingArea, PartitionRef, IReadOnlyList<string>, Action<string>, long> write)
    {
        var rows = 0L;
        var days = pond.PartitionValues(daily, PondLayout.DayKey).Select(PondLayout.ParseDay).Order().ToList();
        foreach (var month in months)
        {
            step.Starting(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            var monthDays = days.Where(d => DerivationPlan.MonthOf(d) == month).ToList();
            var files = monthDays.SelectMany(d => PartitionFiles(pond, PartitionRef.Day(daily, d))).ToList();
            var partition = PartitionRef.Month(monthly, month);
            if (files.Count == 0)
            {
                pond.DeletePartition(partition);
            }
            else
            {
                var sourceDays = monthDays.Select(PondLayout.Format).Prepend(format);
                using var staging = pond.BeginStaging();
                rows += write(staging, partition, files,
                    folder => File.WriteAllLines(Path.Combine(folder, PondLayout.SourceDaysFile), sourceDays));
            }
            step.Done(rows);
        }
        return rows;
    }

    /// <summary>
    /// Each day's planned departures and final arrivals, classified from its raw arrivals (data-model.md section 9). Read
    /// after the legs step: the canonical direction comes from every day's route_name.
    /// </summary>
    private long DeriveDepartures(DuckDBConnection connection, IReadOnlyList<DateOnly> days, StepContext step)
    {
        if (days.Count == 0)
        {
            return 0;
        }
        EnsureStopLookup(connection);
        var rows = 0L;
        foreach (var day in days)
        {
            step.Starting(PondLayout.Format(day));
            CreateDirections(connection, pond, day);
            using var staging = pond.BeginStaging();
            rows += WritePartition(connection, staging, "departures.sql", PartitionRef.Day(PondLayout.Departures, day),
                [("arrivals", PartitionFiles(pond, PartitionRef.Day(PondLayout.Arrivals, day))), ("holidays", HolidaysAround(day))]);
            step.Done(rows);
        }
        return rows;
    }

    /// <summary>Each month's punctuality groups from that month's departures (names and positions from stop_lookup).</summary>
    private long DerivePunctuality(DuckDBConnection connection, IReadOnlyList<DateOnly> months, StepContext step)
    {
        if (months.Count == 0)
        {
            return 0;
        }
        EnsureStopLookup(connection);
        return DeriveMonths(months, PondLayout.Departures, PondLayout.Punctuality, DerivationPlan.PunctualityFormat, step,
            (staging, partition, files, beforeCommit) =>
                WritePartition(connection, staging, "punctuality.sql", partition, [("departures", files)], beforeCommit));
    }

    /// <summary>The public holidays a day's local times can fall on: its year's and, for night journeys, the next.</summary>
    internal static List<string> HolidaysAround(DateOnly day) =>
        NorwegianCalendar.PublicHolidays(day.Year - 1, day.Year + 1).Select(PondLayout.Format).ToList();

    /// <summary>
    /// One month's leg_stats, computed in parts of its stretches when the month is too large for the
    /// memory limit: the medians and quartiles keep every leg's values in memory, outside what DuckDB
    /// can spill. A national month (31 million legs) in one query peaked at 4.8 GB RSS under a 4 GB
    /// limit; in 3 parts at 2.1 GB, with byte-identical output.
    /// </summary>
    private long WriteLegStatsPartition(DuckDBConnection connection, StagingArea staging, PartitionRef partition,
        IReadOnlyList<string> files, Action<string> beforeCommit)
    {
        var legs = Execute(connection, "SELECT count(*) FROM read_parquet($legs)", partition.RelativePath, [("legs", files)], scalar: true);
        var parts = LegStatsParts(legs, options.DuckDb?.MemoryLimitGb);
        var script = SqlScripts.Load("leg_stats.sql");
        // A leg's local date can fall just outside its operating month's year (a night journey on 31 December).
        var holidays = HolidaysAround(PondLayout.ParseDay(partition.Value));
        for (var part = 0; part < parts; part++)
        {
            Execute(connection, (part == 0 ? "CREATE OR REPLACE TEMP TABLE leg_stats_month AS " : "INSERT INTO leg_stats_month ") + script,
                partition.RelativePath, [("legs", files), ("holidays", holidays), ("part", part), ("parts", parts)]);
        }
        if (parts > 1)
        {
            logger.LogInformation("leg_stats {Partition}: {Legs} legs computed in {Parts} parts of its stretches to stay within the memory limit",
                partition.Value, legs, parts);
        }
        var folder = staging.NewFolder(partition.Dataset + "-" + partition.Value);
        var rows = Execute(connection,
            "COPY (FROM leg_stats_month ORDER BY day_type, hour, dataSource, from_stop_id, to_stop_id) TO $output (FORMAT parquet, COMPRESSION zstd)",
            partition.RelativePath, [("output", Path.Combine(folder, "data.parquet"))]);
        connection.Execute("DROP TABLE leg_stats_month");
        beforeCommit(folder);
        pond.CommitPartition(folder, partition);
        return rows;
    }

    /// <summary>
    /// How many parts a month of <paramref name="legs"/> needs: a month took about 130 bytes a leg on top
    /// of some 0.8 GB that does not grow with it; with 150 and 40 % of the limit a part, 2 threads keep a margin.
    /// </summary>
    internal static int LegStatsParts(long legs, double? memoryLimitGb)
    {
        const double BytesPerLeg = 150;
        if (memoryLimitGb is not { } gb || gb <= 0)
        {
            return 1;
        }
        return (int)Math.Clamp(Math.Ceiling(legs * BytesPerLeg / (0.4 * gb * 1e9)), 1, 64);
    }

    /// <summary>
    /// One operating day's summary (<see cref="PondLayout.DaySummary"/>): the parts of each lookup from the day's arrivals
    /// or legs (a day without legs has only the arrivals ones), then its counts.
    /// </summary>
    private void WriteDaySummary(DuckDBConnection connection, StagingArea staging, DateOnly day)
    {
        var inputs = new Dictionary<string, IReadOnlyList<string>>
        {
            [PondLayout.Arrivals] = PartitionFiles(pond, PartitionRef.Day(PondLayout.Arrivals, day)),
            [PondLayout.Legs] = PartitionFiles(pond, PartitionRef.Day(PondLayout.Legs, day)),
        };
        void Write(string part, params (string Name, object? Value)[] parameters)
        {
            var partition = PartitionRef.Day(PondLayout.DaySummary(part), day);
            var folder = staging.NewFolder(partition.Dataset + "-" + partition.Value);
            Copy(connection, $"DaySummary/{part}.sql", partition.RelativePath, Path.Combine(folder, "data.parquet"), parameters);
            pond.CommitPartition(folder, partition);
        }
        foreach (var (_, part, input) in Lookups.Where(l => inputs[l.Input].Count > 0))
        {
            Write(part, (input == PondLayout.Arrivals ? "arrivals" : "legs", inputs[input]));
        }
        long Count(IReadOnlyList<string> files) => files.Count == 0 ? 0
            : Execute(connection, "SELECT count(*) FROM read_parquet($files)", PondLayout.Format(day), [("files", files)], scalar: true);
        Write(CountsPart, ("arrivals", Count(inputs[PondLayout.Arrivals])), ("legs", Count(inputs[PondLayout.Legs])));
    }

    /// <summary>
    /// The lookup files, each added up from the day summaries of every operating day the pond holds. Days without
    /// a summary (a pond from before day summaries, or a run killed between a day's legs and its summary) get
    /// theirs first, once.
    /// </summary>
    private long WriteLookups(DuckDBConnection connection, StepContext step)
    {
        using var staging = pond.BeginStaging();
        var summarized = pond.PartitionValues(PondLayout.DaySummary(CountsPart), PondLayout.DayKey).ToHashSet(StringComparer.Ordinal);
        var missing = PondDays().Where(day => !summarized.Contains(PondLayout.Format(day))).ToList();
        if (missing.Count > 0)
        {
            logger.LogInformation("Writing the day summaries of {Days} operating days that have none ({First} to {Last}): a one-off catch-up",
                missing.Count, PondLayout.Format(missing[0]), PondLayout.Format(missing[^1]));
            var clock = Stopwatch.StartNew();
            foreach (var day in missing)
            {
                step.Starting("day summary " + PondLayout.Format(day));
                WriteDaySummary(connection, staging, day);
            }
            logger.LogInformation("Day summaries of {Days} operating days written in {Seconds:F1} s", missing.Count, clock.Elapsed.TotalSeconds);
        }
        var rows = 0L;
        foreach (var (name, part, _) in Lookups)
        {
            step.Starting(name);
            var file = staging.FilePath(name);
            rows += Copy(connection, part + ".sql", name, file, ("parts", DaySummaryFiles(part)));
            pond.CommitFile(file, name);
            step.Done(rows);
        }
        return rows;
    }

    /// <summary>Every operating day with raw arrivals or legs: the days whose summaries make up the lookups.</summary>
    private IReadOnlyList<DateOnly> PondDays() =>
        pond.PartitionValues(PondLayout.Arrivals, PondLayout.DayKey)
            .Union(pond.PartitionValues(PondLayout.Legs, PondLayout.DayKey), StringComparer.Ordinal)
            .Select(PondLayout.ParseDay)
            .Order()
            .ToList();

    /// <summary>One part's files of the pond's days' summaries; a summary of a day no longer in the pond is left out.</summary>
    private List<string> DaySummaryFiles(string part) =>
        PondDays()
            .Select(day => Path.Combine(pond.Root, PartitionRef.Day(PondLayout.DaySummary(part), day).RelativePath, "data.parquet"))
            .Where(File.Exists)
            .ToList();

    /// <summary>
    /// Moves the stats.db built aside into the pond once it passes the site's check and holds the rows
    /// <paramref name="written"/> (<see cref="StatsDatabase.Verify"/>). One that fails is never published: the
    /// pond keeps its stats.db and the run stops.
    /// </summary>
    internal void PublishStatsDb(string file, IReadOnlyDictionary<string, long> written)
    {
        try
        {
            StatsDatabase.Verify(file, written);
        }
        catch (InvalidStatsDbException e)
        {
            logger.LogError("The stats.db just built failed its check and is not published; {Pond} keeps its stats.db: {Problem}",
                pond.Location, e.Problem);
            throw;
        }
        pond.CommitFile(file, PondLayout.StatsDb);
    }

    private long WritePartition(DuckDBConnection connection, StagingArea staging, string script, PartitionRef partition,
        (string Name, object? Value)[] parameters, Action<string>? beforeCommit = null)
    {
        var folder = staging.NewFolder(partition.Dataset + "-" + partition.Value);
        var rows = Copy(connection, script, partition.RelativePath, Path.Combine(folder, "data.parquet"), parameters);
        beforeCommit?.Invoke(folder);
        pond.CommitPartition(folder, partition);
        return rows;
    }

    private static long Copy(DuckDBConnection connection, string script, string what, string file,
        params (string Name, object? Value)[] parameters)
    {
        var sql = $"COPY ({SqlScripts.Load(script)}) TO $output (FORMAT parquet, COMPRESSION zstd)";
        return Execute(connection, sql, what, [.. parameters, ("output", file)]);
    }

    private static long ExecuteScript(DuckDBConnection connection, string script, string what,
        params (string Name, object? Value)[] parameters) =>
        Execute(connection, SqlScripts.Load(script), what, parameters);

    /// <summary>Runs SQL; a DuckDB failure (a corrupt file, say) becomes a one-line message naming the input.</summary>
    private static long Execute(DuckDBConnection connection, string sql, string what, (string Name, object? Value)[] parameters,
        bool scalar = false)
    {
        try
        {
            return scalar ? connection.Scalar<long>(sql, parameters) : connection.Execute(sql, parameters);
        }
        catch (DuckDBException e)
        {
            throw new PondException($"Failed on {what}: {FirstLine(e.Message)}", e);
        }
    }

    private static IReadOnlyList<string> PartitionFiles(IPond pond, PartitionRef partition)
    {
        var folder = Path.Combine(pond.Root, partition.RelativePath);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.parquet").Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private sealed class StepContext(
        string name, int total, ILogger logger, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _done;
        private long _rows;
        private string? _current;
        private TimeSpan _partitionStarted;

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Starting(string current)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _current = current;
            _partitionStarted = _clock.Elapsed;
            progress?.Report(new RunProgress(name, _done, total, _rows, _clock.Elapsed, current));
        }

        public void Done(long rows)
        {
            _done++;
            // One line per partition with its own duration: how long each day and month takes, for
            // an operator reading the log and for the benchmark, which parses it.
            logger.LogInformation(
                "Partition {Step} {Partition} written: {Rows} rows in {Seconds:F2} s ({Done}/{Total})",
                name, _current, rows - _rows, (_clock.Elapsed - _partitionStarted).TotalSeconds, _done, total);
            _rows = rows;
            progress?.Report(new RunProgress(name, _done, total, rows, _clock.Elapsed, _current));
        }
    }
}
