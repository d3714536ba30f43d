using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// The stats.db the site serves from, once it is loaded, and what the site is doing until then.
/// A newer one can be swapped in at any time (<see cref="Loaded"/>). Each request is pinned to the
/// database that was current when it started (<see cref="Pin"/>, by the middleware of
/// <see cref="PinnedStatsDb"/>): <see cref="Current"/> answers that one for the whole request, and a
/// replaced database is closed and released (its file deleted) only when the last request using it has ended.
/// </summary>
public sealed class StatsDbProvider
{
    private readonly Lock _gate = new();
    private readonly AsyncLocal<Served?> _pinned = new();
    private volatile Served? _current;
    private volatile string _status = "starting";
    private volatile string? _refused;
    private volatile DemoPondProgress? _progress;

    public StatsDatabase? Current => (_pinned.Value ?? _current)?.Database;

    /// <summary>Which stats.db is current: 0 before the first, one more with each swap. Cached pages are keyed by it.</summary>
    public long Generation => _current?.Generation ?? 0;

    /// <summary>What the site is doing while no stats.db is loaded (building demo data, a problem found), for the 503 page.</summary>
    public string Status => _status;

    public bool Failed { get; private set; }

    /// <summary>
    /// Why the site serves nothing (loading failed) or an older stats.db than the pond's (the pond's was refused);
    /// null when neither. /status shows it.
    /// </summary>
    public string? Problem => _current is null ? (Failed ? _status : null) : _refused;

    /// <summary>How far building the demo pond has come, while it is built (null otherwise): the 503 page shows it.</summary>
    public DemoPondProgress? Progress => _current is null && !Failed ? _progress : null;

    internal void Report(string status)
    {
        _status = status;
        _progress = null;
    }

    /// <summary>Building the demo pond has come this far (it is not failing: a step is under way).</summary>
    internal void Building(DemoPondProgress progress)
    {
        _status = "building the demo pond: " + progress;
        _progress = progress;
        Failed = false;
    }

    /// <summary>The pond's stats.db was refused while the current one stays served (null: the pond holds a servable one again).</summary>
    internal void Refused(string? problem) => _refused = problem;

    /// <summary>
    /// Serves <paramref name="database"/> from now on. <paramref name="release"/> runs once no request
    /// uses it any more after a newer one replaced it (deleting a downloaded copy, say).
    /// </summary>
    internal void Loaded(StatsDatabase database, Action? release = null)
    {
        Served? previous;
        lock (_gate)
        {
            previous = _current;
            _current = new Served(database, release, (previous?.Generation ?? 0) + 1);
            if (previous is not null)
            {
                previous.Retired = true;
            }
        }
        _status = "ready";
        _refused = null;
        Failed = false;
        if (previous is not null)
        {
            ReleaseIfUnused(previous);
        }
    }

    internal void Fail(string problem)
    {
        _status = problem;
        Failed = true;
    }

    /// <summary>
    /// Pins the calling flow (one request) to the current database until disposed; null while none is loaded.
    /// Set in the request's own async flow, so everything the request runs afterwards sees the same database.
    /// </summary>
    internal IDisposable? Pin()
    {
        Served? served;
        lock (_gate)
        {
            served = _current;
            if (served is null)
            {
                return null;
            }
            served.Requests++;
        }
        _pinned.Value = served;
        return new Lease(this, served);
    }

    private void Unpin(Served served)
    {
        lock (_gate)
        {
            served.Requests--;
        }
        ReleaseIfUnused(served);
    }

    private void ReleaseIfUnused(Served served)
    {
        lock (_gate)
        {
            if (!served.Retired || served.Requests > 0 || served.Closed)
            {
                return;
            }
            served.Closed = true;
        }
        served.Database.Dispose();
        served.Release?.Invoke();
    }

    private sealed class Served(StatsDatabase database, Action? release, long generation)
    {
        public long Generation { get; } = generation;

        public StatsDatabase Database { get; } = database;

        public Action? Release { get; } = release;

        public bool Closed { get; set; }

        public int Requests { get; set; }

        public bool Retired { get; set; }
    }

    private sealed class Lease(StatsDbProvider provider, Served served) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                provider.Unpin(served);
            }
        }
    }
}
