using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// On shutdown (SIGTERM) /ready turns 503 at once, and the host waits the drain period before
/// the server stops taking requests: the proxy's health check sees the replica leave before it
/// goes, so no request lands on a closed port.
/// </summary>
public sealed partial class Drain(IOptions<ServingOptions> options, ILogger<Drain> logger) : IHostedLifecycleService
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var period = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        LogDraining(period.TotalSeconds);
        await Task.Delay(period, cancellationToken).ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: /ready answers 503, serving {Seconds} s more while the proxy drains")]
    private partial void LogDraining(double seconds);
}
