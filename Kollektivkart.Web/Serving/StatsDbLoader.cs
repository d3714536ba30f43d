using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Loads stats.db in the background at start, so the server answers (/ready 503, a "loading"
/// page) while a fresh clone builds its demo pond. A pond that cannot be read leaves the site
/// unready with the reason on the 503 page and in the log.
/// </summary>
public sealed partial class StatsDbLoader(
    StatsDbProvider provider, IOptions<PondOptions> options, TimeProvider clock, ILogger<StatsDbLoader> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => Load(stoppingToken), stoppingToken);

    private void Load(CancellationToken stoppingToken)
    {
        var pond = options.Value;
        try
        {
            if (pond.IsDemo)
            {
                LogDemo(PondOptions.DemoLocation);
                provider.Report("building the demo pond");
                DemoPond.Ensure(PondOptions.DemoLocation, Clock.Today(clock), pond.DemoDays, logger,
                    new Progress(provider, logger), stoppingToken);
            }
            provider.Report("opening stats.db");
            var path = Path.Combine(Path.GetFullPath(pond.EffectiveLocation), PondLayout.StatsDb);
            var database = StatsDatabase.Open(path);
            provider.Loaded(database);
            LogLoaded(path, database.Catalog.LastDate is { } last ? PondLayout.Format(last) : "none", database.Catalog.Months.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (PondException e)
        {
            provider.Fail(e.Message);
            LogFailed(e.Message);
        }
    }

    /// <summary>Logs progress and shows it on the 503 page; IProgress&lt;T&gt; here is synchronous.</summary>
    private sealed class Progress(StatsDbProvider provider, ILogger logger) : IProgress<string>
    {
        public void Report(string value)
        {
            provider.Report("building the demo pond: " + value);
            LogProgress(logger, value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No PARQUET_LOCATION: serving the demo pond in {Folder}, built on first start")]
    private partial void LogDemo(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Path}: data up to {LastDate}, {Months} months")]
    private partial void LogLoaded(string path, string lastDate, int months);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot serve: {Problem}")]
    private partial void LogFailed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building demo pond: {Progress}")]
    private static partial void LogProgress(ILogger logger, string progress);
}
