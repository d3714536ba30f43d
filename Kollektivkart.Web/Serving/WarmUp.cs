using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// After each stats.db is loaded (at start and after every nightly swap, which empties the output cache), the site
/// asks itself for the addresses most visits begin with: the newest month's hot-spots page at every hour and each
/// operator's legs page, with their map data, the operators page and each operator's own page. The requests go through Kestrel and the whole pipeline as a visitor's
/// would, with the public host (<c>PUBLIC_BASE_URL</c>) and the compression browsers take, so what they leave in the
/// output cache is exactly what a visitor would have got. One request at a time in the background: /ready does not
/// wait for it, and visitors share the two cores with at most one of these.
/// </summary>
public sealed partial class WarmUp(
    IServer server, IHostApplicationLifetime lifetime, StatsDbProvider provider, IOptions<ServingOptions> serving,
    IOptions<FeedOptions> feeds, TimeProvider clock, ILogger<WarmUp> logger) : IDisposable
{
    /// <summary>What browsers accept (br) and what gzip-only clients do; the cache keeps one answer per chosen encoding.</summary>
    private static readonly string[] Encodings = ["br", "gzip"];

    private readonly HttpClient _client = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly Lock _lock = new();
    private CancellationTokenSource? _running;

    /// <summary>The last finished warm-up, for the status page: when, how many addresses, and how long it took.</summary>
    public WarmUpReport? Last { get; private set; }

    /// <summary>Starts warming the loaded stats.db's addresses, stopping a warm-up of an older one still running.</summary>
    public void Begin(CancellationToken stoppingToken)
    {
        if (!serving.Value.OutputCache || !serving.Value.WarmUp)
        {
            return;
        }
        CancellationTokenSource next;
        lock (_lock)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = next = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        }
        _ = Task.Run(() => Run(next.Token), CancellationToken.None);
    }

    /// <summary>
    /// The addresses warmed for a stats.db: the operators page (the header links it), its newest offered month's hot spots
    /// at every hour, each operator's legs page, the punctuality map at the default hour (the header links it) and each
    /// operator's own page (as the operators page links it).
    /// </summary>
    public static IEnumerable<string> Addresses(Choices choices)
    {
        if (choices.Months.Count == 0)
        {
            return [];
        }
        var month = choices.Months[^1];
        var views = Selectors.Hours.Select(hour => new MapState(MapView.HotSpots, month, hour))
            .Concat(choices.Catalog.DataSources.Select(source => new MapState(MapView.Legs, month, Choices.DefaultHour, source.Code)))
            .Append(new MapState(MapView.Punctuality, month, Choices.DefaultHour));
        return views.SelectMany(view => new[] { view.Url, view.MapDataUrl }).Prepend("/operators")
            .Concat(choices.Catalog.DataSources.Select(source => Pages.Operators.OperatorPage.Href(source.Code, month, DayType.Weekday)));
    }

    private async Task Run(CancellationToken cancellationToken)
    {
        var generation = provider.Generation;
        // A stats.db is often loaded before Kestrel listens (the address is still port 0 then): ask once it does.
        if (!await Started(cancellationToken))
        {
            return;
        }
        if (provider.Current is not { } database || Listening() is not { } listening)
        {
            return;
        }
        // Visitors come through the proxy with the public host, which the cache key holds; without one, as the address it listens on.
        var host = feeds.Value.BaseUrl is { } publicUrl ? new Uri(publicUrl).Authority : listening.Authority;
        var origin = new UriBuilder(listening) { Host = listening.Host is "localhost" or "0.0.0.0" or "[::]" ? "127.0.0.1" : listening.Host }.Uri;
        var addresses = Addresses(new Choices(database, Clock.Today(clock))).ToList();
        var clockStarted = Stopwatch.StartNew();
        var failed = 0;
        try
        {
            foreach (var address in addresses)
            {
                foreach (var encoding in Encodings)
                {
                    if (!await Fetch(origin, host, address, encoding, cancellationToken))
                    {
                        failed++;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(generation);
            return;
        }
        Last = new WarmUpReport(clock.GetUtcNow(), generation, addresses.Count * Encodings.Length, failed, clockStarted.Elapsed);
        LogWarmed(addresses.Count * Encodings.Length, failed, clockStarted.Elapsed.TotalSeconds, generation);
    }

    private async Task<bool> Fetch(Uri origin, string host, string address, string encoding, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, address));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        request.Headers.Host = host;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            LogRefused(address, (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(address, e.Message);
        }
        return false;
    }

    /// <summary>Waits until the server listens; false when the site stops or a newer stats.db came first.</summary>
    private async Task<bool> Started(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onCancelled = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Where this site listens: the first http address, a wildcard host read as localhost.</summary>
    private Uri? Listening()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u is { Scheme: "http" });
        if (listening is null)
        {
            LogNoAddress();
        }
        return listening;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
        }
        _client.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: {Answers} answers of stats.db generation {Generation} put in the output cache in {Seconds:F1} s ({Failed} failed)")]
    private partial void LogWarmed(int answers, int failed, double seconds, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up of stats.db generation {Generation} stopped: a newer one was loaded, or the site is stopping")]
    private partial void LogStopped(long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: {Address} answered {Status}")]
    private partial void LogRefused(string address, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up: could not ask {Address}: {Problem}")]
    private partial void LogUnreachable(string address, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up skipped: the server reports no http address to ask")]
    private partial void LogNoAddress();
}

/// <summary>A finished warm-up: when, for which stats.db, how many answers it asked for, how many failed, how long it took.</summary>
public sealed record WarmUpReport(DateTimeOffset Finished, long Generation, int Answers, int Failed, TimeSpan Took);
