using System.Diagnostics;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Raw;
using Kollektivkart.Etl.Progress;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.BigQuery;

public sealed record SyncReport(int Days, long Arrivals, long Stops, long Quays);

/// <summary>
/// The fetch half of the nightly run: replaces stops and quays, then writes every operating day
/// missing from the pond's arrivals, oldest first, one query and one complete partition per day.
/// Rows go page by page through the Appender and are flushed to Parquet in batches, so a day is
/// never held whole in memory. The first failing day stops the sync; the days before it stay.
/// Each table's schema is read before its query: columns that drifted from raw_schema.sql are logged
/// once a run and handled by <see cref="SchemaMatch"/>, and a day is not queried when a column the
/// derivations read is gone or cannot be converted.
/// </summary>
public sealed class BigQuerySync(BigQueryClient client, IPond pond, DuckDbSettings settings, ILogger logger)
{
    private readonly HashSet<string> _reportedDrifts = new(StringComparer.OrdinalIgnoreCase);

    public const string Step = "bigquery";

    /// <summary>Rows per Parquet file of a partition; also bounds what DuckDB holds of a day.</summary>
    internal const int FlushRows = 100_000;

    private static readonly TimeZoneInfo Norway = TimeZoneInfo.FindSystemTimeZoneById(DuckDbConnections.LocalTimeZone);

    /// <summary>Yesterday in Norway: the newest operating day that is over.</summary>
    public static DateOnly LastCompleteDay(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Norway).DateTime).AddDays(-1);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> that the pond's arrivals lack, oldest first.</summary>
    public IReadOnlyList<DateOnly> MissingDays(DateOnly from, DateOnly to)
    {
        var present = pond.PartitionValues(PondLayout.Arrivals, PondLayout.DayKey)
            .Select(value => PondLayout.TryParseDay(value, out var day) ? day : (DateOnly?)null)
            .OfType<DateOnly>()
            .ToHashSet();
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!present.Contains(day))
            {
                days.Add(day);
            }
        }
        return days;
    }

    public async Task<SyncReport> RunAsync(DateOnly from, DateOnly to, IProgress<ProgressUpdate> progress, CancellationToken cancellationToken)
    {
        using var connection = DuckDbConnections.OpenInMemory(settings);
        RawDatasets.CreateTables(connection);
        var (stops, quays) = await RefreshStopsAndQuaysAsync(connection, cancellationToken);

        var days = MissingDays(from, to);
        if (days.Count == 0)
        {
            logger.LogInformation(
                "No operating day missing from {From} to {To}: no arrivals fetched", PondLayout.Format(from), PondLayout.Format(to));
            return new SyncReport(0, 0, stops, quays);
        }
        logger.LogInformation(
            "Fetching {Days} operating days from BigQuery, {First} to {Last}",
            days.Count, PondLayout.Format(days[0]), PondLayout.Format(days[^1]));
        var clock = Stopwatch.StartNew();
        long arrivals = 0;
        var written = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var done = i;
            progress.Report(new ProgressUpdate(Step, done, days.Count, arrivals, clock.Elapsed, PondLayout.Format(day)));
            long rows;
            try
            {
                rows = await FetchDayAsync(connection, day, dayRows => progress.Report(new ProgressUpdate(
                    Step, done, days.Count, arrivals + dayRows, clock.Elapsed, PondLayout.Format(day))), cancellationToken);
            }
            catch (BigQueryException e)
            {
                throw new BigQueryException(
                    $"operating day {PondLayout.Format(day)} was not fetched: {e.Message}. " +
                    "Days fetched before it are kept; the next run starts from this day.",
                    e.Status, e.Reason, e);
            }
            arrivals += rows;
            written += rows > 0 ? 1 : 0;
            progress.Report(new ProgressUpdate(Step, i + 1, days.Count, arrivals, clock.Elapsed, PondLayout.Format(day)));
        }
        return new SyncReport(written, arrivals, stops, quays);
    }

    private async Task<(long Stops, long Quays)> RefreshStopsAndQuaysAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stops = await LoadTableAsync(connection, EnturQueries.StopPlaces, cancellationToken);
        var quays = await LoadTableAsync(connection, EnturQueries.Quays, cancellationToken);
        if (stops == 0 || quays == 0)
        {
            throw new BigQueryException(
                $"BigQuery returned {stops} stop places and {quays} quays; {PondLayout.Stops} and {PondLayout.Quays} are left as they were");
        }
        RawDatasets.WriteStopsAndQuays(connection, pond);
        connection.Execute("DELETE FROM stops");
        connection.Execute("DELETE FROM quays");
        logger.LogInformation(
            "Refreshed {StopsFile} and {QuaysFile} from BigQuery: {Stops} stop places, {Quays} quays in {Seconds:F1} s",
            PondLayout.Stops, PondLayout.Quays, stops, quays, clock.Elapsed.TotalSeconds);
        return (stops, quays);
    }

    private async Task<long> LoadTableAsync(DuckDBConnection connection, EnturTable table, CancellationToken cancellationToken)
    {
        try
        {
            var (appender, sql) = await PrepareAsync(connection, table, cancellationToken);
            using (appender)
            {
                await client.QueryAsync(sql, [], appender.Append, cancellationToken);
                appender.EndBatch();
                return appender.Rows;
            }
        }
        catch (BigQueryException e)
        {
            throw new BigQueryException($"{table.RawTable} were not refreshed: {e.Message}", e.Status, e.Reason, e);
        }
    }

    /// <summary>
    /// An appender for the table's raw table and the query for it: the raw columns the BigQuery table has now and
    /// that can be stored. Throws, before anything is queried, when a column the derivations read cannot be had.
    /// </summary>
    private async Task<(TableAppender Appender, string Sql)> PrepareAsync(
        DuckDBConnection connection, EnturTable table, CancellationToken cancellationToken)
    {
        var schema = await client.GetTableSchemaAsync(table.Id, cancellationToken);
        var appender = new TableAppender(connection, table.RawTable, table.Id, ReportDrift);
        var (sources, drifts) = SchemaMatch.Plan(table.Id, appender.Columns, schema);
        if (drifts.FirstOrDefault(d => d.Handling == DriftHandling.Fails) is { } failure)
        {
            appender.Dispose();
            throw new BigQueryException(failure.FailureMessage);
        }
        drifts.ForEach(ReportDrift);
        var columns = appender.Columns.Where((_, i) => sources[i].Writer is not null).Select(c => c.Name);
        return (appender, EnturQueries.Select(table, columns));
    }

    /// <summary>One warning line per drifted column and run, however many days are fetched.</summary>
    private void ReportDrift(ColumnDrift drift)
    {
        if (_reportedDrifts.Add(drift.Table + "\n" + drift.Column))
        {
            logger.LogWarning(
                "BigQuery schema drift in {Table}: column {Column} expected {Expected}, arrived {Arrived}; {Consequence}",
                drift.Table, drift.Column, drift.Expected, drift.Arrived, drift.Consequence);
        }
    }

    /// <summary>Fetches one day into a staged partition and commits it whole; a day without rows writes nothing.</summary>
    private async Task<long> FetchDayAsync(DuckDBConnection connection, DateOnly day, Action<long> onRows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        connection.Execute("DELETE FROM arrivals");
        // Disposing the writer without Commit deletes what was staged: a failed day leaves no partition.
        var (dayAppender, sql) = await PrepareAsync(connection, EnturQueries.Arrivals, cancellationToken);
        using var appender = dayAppender;
        using var partition = RawDatasets.BeginArrivalsDay(connection, pond, day);
        await client.QueryAsync(sql, [EnturQueries.OperatingDate(day)], page =>
        {
            appender.Append(page);
            if (appender.BatchRows >= FlushRows)
            {
                appender.EndBatch();
                partition.Flush();
            }
            onRows(appender.Rows);
            cancellationToken.ThrowIfCancellationRequested();
        }, cancellationToken);
        appender.EndBatch();
        if (appender.Rows == 0)
        {
            logger.LogWarning(
                "BigQuery has no arrivals for operating day {Day}; nothing written, the next run asks again", PondLayout.Format(day));
            return 0;
        }
        partition.Commit();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        logger.LogInformation(
            "Fetched operating day {Day}: {Rows} arrivals in {Seconds:F1} s ({RowsPerSecond:F0} rows/s)",
            PondLayout.Format(day), appender.Rows, seconds, appender.Rows / seconds);
        return appender.Rows;
    }
}
