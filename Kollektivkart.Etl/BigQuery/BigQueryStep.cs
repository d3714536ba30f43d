using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Progress;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// The first step of <c>run</c> without <c>--skip-bq</c>. <see cref="Prepare"/> checks the settings
/// and the key before anything is touched (a problem is a usage error, exit 2); <see cref="Run"/>
/// syncs and reports a failed day as one line.
/// </summary>
internal sealed class BigQueryStep(BigQueryOptions options, ServiceAccount account)
{
    public static BigQueryStep Prepare()
    {
        var options = BigQueryOptions.FromEnvironment(Environment.GetEnvironmentVariable);
        return new BigQueryStep(options, ServiceAccount.Load(options));
    }

    /// <summary>Fetches what the pond lacks from <paramref name="from"/> to yesterday; false (after saying why) when BigQuery failed.</summary>
    public bool Run(IPond pond, DateOnly from, DuckDbSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var to = BigQuerySync.LastCompleteDay(TimeProvider.System);
        logger.LogInformation(
            "Syncing from BigQuery at {Endpoint} as {Account}, billed to project {Project}: stops, quays and operating days {From} to {To}",
            options.Endpoint.GetLeftPart(UriPartial.Authority), account.Email, account.Project, PondLayout.Format(from), PondLayout.Format(to));
        using var client = new BigQueryClient(account, options, logger);
        var sync = new BigQuerySync(client, pond, settings, logger);
        try
        {
            var report = ProgressDisplay.Run(logger, progress => sync.RunAsync(from, to, progress, cancellationToken).GetAwaiter().GetResult());
            logger.LogInformation(
                "BigQuery sync complete: {Days} new operating days, {Arrivals} arrivals, {Stops} stop places, {Quays} quays",
                report.Days, report.Arrivals, report.Stops, report.Quays);
            return true;
        }
        catch (BigQueryException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return false;
        }
    }
}
