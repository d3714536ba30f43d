using System.CommandLine;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Etl.BigQuery;
using Kollektivkart.Etl.Progress;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Cli;

/// <summary><c>run &lt;pond&gt;</c>: the nightly job.</summary>
internal static class RunCommand
{
    public static Command Create(ILoggerFactory loggers)
    {
        var pond = EtlCommandLine.PondArgument();
        var skipBq = new Option<bool>("--skip-bq") { Description = "Do not fetch new days from BigQuery; derive from the raw data already in the pond." };
        var invalidate = new Option<bool>("--invalidate") { Description = "Recompute every derived day and month from --from-date, not only the missing ones." };
        var fromDate = EtlCommandLine.DateOption("--from-date", "First operating day to fetch and derive (default 2024-01-01).");
        var maxCpus = EtlCommandLine.PositiveOption("--max-cpus", "Threads DuckDB may use (default: DUCKDB_THREADS, else the machine's physical cores).");
        var memoryLimit = new Option<double?>("--memory-limit-gb") { Description = "Memory DuckDB may use, in GB (default: 80 % of available memory)." };
        memoryLimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && !(value > 0))
            {
                result.AddError($"--memory-limit-gb must be above 0, got {value}.");
            }
        });

        var command = new Command("run", "Fetch new operating days, derive legs, leg_stats and the lookup tables, and build stats.db.")
        {
            pond, skipBq, invalidate, fromDate, maxCpus, memoryLimit,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var logger = loggers.CreateLogger("Kollektivkart.Etl.Run");
            // Settings and key are checked before the pond is touched: a problem there is exit 2 with nothing written.
            JobSettings.Check(bigQuery: !parsed.GetValue(skipBq), cdn: true);
            var bigQuery = parsed.GetValue(skipBq) ? null : BigQueryStep.Prepare();
            var settings = new DuckDbSettings(
                parsed.GetValue(maxCpus) ?? DuckDbSettings.Default.Threads ?? MachineResources.PhysicalCores(),
                parsed.GetValue(memoryLimit) ?? MachineResources.DefaultMemoryLimitGb());
            var options = new RunOptions(parsed.GetValue(fromDate) ?? RunOptions.DefaultFromDate, parsed.GetValue(invalidate), settings);
            var location = parsed.GetRequiredValue(pond);
            using var pondLock = Ponds.Lock(location, create: bigQuery is not null, logger);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pondLock.Lost);
            cancellationToken = stop.Token;
            var target = Ponds.Open(location, create: bigQuery is not null, logger);
            logger.LogInformation(
                "Nightly run on {Pond}: DuckDB threads {Threads}, memory limit {MemoryLimitGb:F1} GB",
                target.Location, settings.Threads, settings.MemoryLimitGb);
            if (bigQuery is not null && !Sync(bigQuery, target, options, settings, logger, cancellationToken))
            {
                return Task.FromResult(EtlCommandLine.Failed);
            }
            PondTransfers.FetchForRun(target, options, logger, cancellationToken);
            var report = ProgressDisplay.Run(logger, progress => new Derivation(
                target, options, logger,
                new Forward<RunProgress>(p => progress.Report(new ProgressUpdate(p.Step, p.Done, p.Total, p.Rows, p.Elapsed, p.Current))))
                .Run(cancellationToken));
            if (!report.WroteNothing)
            {
                logger.LogInformation("Run complete: {Steps}", string.Join(", ", report.Steps.Select(s => $"{s.Step} {s.Partitions} partitions {s.Rows} rows {s.Duration.TotalSeconds:F1} s")));
            }
            PondTransfers.Publish(target, logger, cancellationToken);
            return CdnPushCommand.AfterRun(loggers, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The BigQuery step. Days it fetched before failing are whole partitions in the pond; on an S3
    /// pond they go up before the run exits, so a run elsewhere (another cache) does not fetch them again.
    /// </summary>
    private static bool Sync(BigQueryStep bigQuery, IPond target, RunOptions options, DuckDbSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var synced = false;
        try
        {
            synced = bigQuery.Run(target, options.FromDate, settings, logger, cancellationToken);
            return synced;
        }
        finally
        {
            if (!synced)
            {
                PondTransfers.PublishAfterFailure(target, logger, cancellationToken);
            }
        }
    }
}
