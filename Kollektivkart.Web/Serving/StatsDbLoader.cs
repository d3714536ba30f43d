using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Loads stats.db in the background at start, so the server answers (/ready 503, a "loading"
/// page) while a fresh clone builds its demo pond or an S3 pond's stats.db downloads. Then it looks
/// for a newer one every <see cref="PondOptions.RefreshSeconds"/> and swaps it in without a restart;
/// requests in flight finish on the one they started with (<see cref="StatsDbProvider"/>). A pond
/// that cannot be read leaves the site unready with the reason on the 503 page and in the log, and
/// is tried again at the same interval; a failed refresh keeps the loaded stats.db. A stats.db that is not one this
/// build serves (<see cref="StatsDatabase.Open"/>) is refused with a warning and the loaded one kept, or at start the
/// site stays unready saying why; that version is not tried again, a later one is.
/// </summary>
public sealed partial class StatsDbLoader(
    StatsDbProvider provider, IOptions<PondOptions> options, IOptions<S3Options> s3Options, IOutputCacheStore pageCache,
    WarmUp warmUp, TimeProvider clock, ILogger<StatsDbLoader> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => Serve(stoppingToken), stoppingToken);

    private async Task Serve(CancellationToken stoppingToken)
    {
        var pond = options.Value;
        var interval = TimeSpan.FromSeconds(pond.RefreshSeconds);
        try
        {
            using var source = Source(pond, stoppingToken);
            if (source is null)
            {
                return;
            }
            var versions = new Versions();
            while (true)
            {
                await Refresh(source, versions, stoppingToken);
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Where stats.db comes from; builds the demo pond first when there is no pond. Null when that failed.</summary>
    private StatsDbSource? Source(PondOptions pond, CancellationToken stoppingToken)
    {
        try
        {
            if (pond.IsDemo)
            {
                LogDemo(PondOptions.DemoLocation);
                provider.Report("building the demo pond");
                DemoPond.Ensure(PondOptions.DemoLocation, Clock.Today(clock), pond.DemoDays, logger,
                    new Progress(provider, logger), stoppingToken);
            }
            if (!S3Location.IsS3(pond.EffectiveLocation))
            {
                return new FolderStatsDbSource(pond.EffectiveLocation);
            }
            var location = S3Location.Parse(pond.EffectiveLocation);
            var folder = PondCache.SiteFolder(location, string.IsNullOrWhiteSpace(pond.CacheFolder) ? null : PondCache.Root(pond.CacheFolder));
            LogS3(location.ToString(), s3Options.Value.EndpointDescription(), folder, pond.RefreshSeconds);
            // The download shows on the 503 page until the first stats.db is served; later ones happen behind it.
            return new S3StatsDbSource(new S3Store(location, s3Options.Value), folder, status =>
            {
                if (provider.Current is null)
                {
                    provider.Report(status);
                }
            });
        }
        catch (PondException e)
        {
            provider.Fail(e.Message);
            LogFailed(e.Message);
            return null;
        }
    }

    /// <summary>Loads the pond's stats.db if it is another than the one served or last refused.</summary>
    private async Task Refresh(StatsDbSource source, Versions versions, CancellationToken stoppingToken)
    {
        StatsDbFile? file = null;
        try
        {
            if (versions.Served is null && !provider.Failed)
            {
                provider.Report("opening stats.db");
            }
            file = await source.Newer(versions.Seen, stoppingToken);
            if (file is null)
            {
                return;
            }
            if (file.Version == versions.Served)
            {
                // The pond holds the served stats.db again, after one that was refused.
                versions.Seen = file.Version;
                provider.Refused(null);
                return;
            }
            StatsDatabase database;
            try
            {
                database = StatsDatabase.Open(file.Path);
            }
            catch (InvalidStatsDbException e)
            {
                Refuse(source, file, e.Problem);
                versions.Seen = file.Version;
                return;
            }
            var loaded = file;
            provider.Loaded(database, () => source.Release(loaded));
            source.Sweep();
            if (versions.Served is not null)
            {
                // Pages of the older stats.db are no longer served (the cache key holds the generation): free their memory.
                await PageCache.Evict(pageCache, stoppingToken);
            }
            var lastDate = LastDate(database);
            if (versions.Served is null)
            {
                LogLoaded(file.Path, lastDate, database.Catalog.Months.Count);
            }
            else
            {
                LogSwapped(file.Path, lastDate, database.Catalog.Months.Count);
            }
            versions.Served = versions.Seen = file.Version;
            warmUp.Begin(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            if (file is { Downloaded: true })
            {
                // A copy that does not open is of no use: the next attempt downloads it again.
                source.Release(file);
            }
            if (versions.Served is null)
            {
                provider.Fail(e.Message);
                LogFailed(e.Message);
            }
            else
            {
                LogRefreshFailed(e.Message);
            }
        }
    }

    /// <summary>
    /// A stats.db this build does not serve: the loaded one (if any) stays, and this version is not looked at
    /// again (nor downloaded again) until the pond holds another; the reason shows on /status and /ready.
    /// </summary>
    private void Refuse(StatsDbSource source, StatsDbFile file, string problem)
    {
        if (file.Downloaded)
        {
            source.Release(file);
        }
        var reason = $"{file.Origin} refused: {problem}. Publish a good one (the nightly job, `run`, on the pond); " +
            $"it is loaded within {options.Value.RefreshSeconds} s.";
        if (provider.Current is { } served)
        {
            provider.Refused(reason);
            LogRefused(file.Origin, problem, LastDate(served));
        }
        else
        {
            provider.Fail(reason);
            LogRefusedAtStart(file.Origin, problem);
        }
    }

    private static string LastDate(StatsDatabase database) =>
        database.Catalog.LastDate is { } last ? PondLayout.Format(last) : "none";

    /// <summary>The pond's stats.db versions: the one served, and the newest looked at (served, or refused since).</summary>
    private sealed class Versions
    {
        public string? Served { get; set; }

        public string? Seen { get; set; }
    }

    /// <summary>Logs progress and shows it on the 503 page; IProgress&lt;T&gt; here is synchronous.</summary>
    private sealed class Progress(StatsDbProvider provider, ILogger logger) : IProgress<DemoPondProgress>
    {
        public void Report(DemoPondProgress value)
        {
            provider.Building(value);
            LogProgress(logger, value.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No PARQUET_LOCATION: serving the demo pond in {Folder}, built on first start")]
    private partial void LogDemo(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the S3 pond {Pond} at {Endpoint}: stats.db copied into {Folder}, checked for a newer one every {Seconds} s")]
    private partial void LogS3(string pond, string endpoint, string folder, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Path}: data up to {LastDate}, {Months} months")]
    private partial void LogLoaded(string path, string lastDate, int months);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swapped in a newer stats.db, {Path}: data up to {LastDate}, {Months} months")]
    private partial void LogSwapped(string path, string lastDate, int months);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot serve: {Problem}")]
    private partial void LogFailed(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {File}: {Problem}; still serving the stats.db with data up to {LastDate}")]
    private partial void LogRefused(string file, string problem, string lastDate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {File}: {Problem}; nothing to serve until a good stats.db is published")]
    private partial void LogRefusedAtStart(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for a newer stats.db failed, serving the loaded one: {Problem}")]
    private partial void LogRefreshFailed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building demo pond: {Progress}")]
    private static partial void LogProgress(ILogger logger, string progress);
}
