using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Kollektivkart.Ops.Tests.Serving;

/// <summary>One kind of request in the load, and the status the site answers it with when all is well.</summary>
public sealed record LoadRequest(HttpMethod Method, string Path, HttpStatusCode Expected, (string Name, string Value)[] Headers)
{
    public static LoadRequest Get(string path, HttpStatusCode expected = HttpStatusCode.OK, params (string, string)[] headers) =>
        new(HttpMethod.Get, path, expected, headers);

    public override string ToString() => $"{Method} {Path}";
}

public sealed record LoadReport(int Sent, IReadOnlyList<string> Failures, TimeSpan P50, TimeSpan P99, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Sent} requests in {Elapsed.TotalSeconds:F1} s, {Failures.Count} failed, p50 {P50.TotalMilliseconds:F0} ms, p99 {P99.TotalMilliseconds:F0} ms";
}

/// <summary>
/// A bounded load through the proxy: a few clients loop over the requests, pausing between them,
/// until stopped or until the cap on count or time. Anything but the expected status is a failure.
/// The pause sets the rate: 80 ms with 4 clients is at most 50 requests a second, enough that a replica gone for a
/// moment fails dozens of them, and light enough to leave the machine to the rest of the test suite; the long soak of
/// the benchmark loads harder.
/// </summary>
public sealed class Load : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<LoadRequest> _requests;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task[] _clients;
    private readonly int _cap;
    private readonly TimeSpan _pause;
    private int _sent;

    private Load(Uri proxy, IReadOnlyList<LoadRequest> requests, int clients, int cap, TimeSpan limit, TimeSpan pause)
    {
        // The proxy's own retries cover a dying replica; the client never retries, so any failure shows.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = proxy,
            Timeout = TimeSpan.FromSeconds(15),
        };
        _requests = requests;
        _cap = cap;
        _pause = pause;
        _stop = new CancellationTokenSource(limit);
        _clients = Enumerable.Range(0, clients).Select(client => Task.Run(() => Client(client))).ToArray();
    }

    public static Load Start(
        Uri proxy, IReadOnlyList<LoadRequest> requests, int clients = 4, int cap = 50_000, TimeSpan? limit = null, TimeSpan? pause = null) =>
        new(proxy, requests, clients, cap, limit ?? TimeSpan.FromMinutes(5), pause ?? TimeSpan.FromMilliseconds(80));

    public int Sent => Volatile.Read(ref _sent);

    public bool Running => !_stop.IsCancellationRequested;

    public async Task<LoadReport> Stop()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        var sorted = _milliseconds.Order().ToArray();
        return new LoadReport(Sent, _failures.ToList(), Percentile(sorted, 0.50), Percentile(sorted, 0.99), _clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await Stop();
        }
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task Client(int client)
    {
        for (var i = client; !_stop.IsCancellationRequested; i++)
        {
            if (Interlocked.Increment(ref _sent) > _cap)
            {
                Interlocked.Decrement(ref _sent);
                await _stop.CancelAsync();
                return;
            }
            var request = _requests[i % _requests.Count];
            await Send(request);
            try
            {
                await Task.Delay(_pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task Send(LoadRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.Add(name, value);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancelled by Stop: a request sent is always seen to its end.
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != request.Expected)
            {
                _failures.Enqueue($"{_clock.Elapsed.TotalSeconds:F1} s: {request} answered {(int)response.StatusCode}, expected {(int)request.Expected}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _failures.Enqueue($"{_clock.Elapsed.TotalSeconds:F1} s: {request} failed: {e.GetType().Name} {e.Message}");
        }
    }

    private static TimeSpan Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)]);
}
