using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// The stats.db the site serves from, once it is loaded, and what the site is doing until then.
/// Requests read <see cref="Current"/> once and keep that database for the whole request.
/// </summary>
public sealed class StatsDbProvider
{
    private volatile StatsDatabase? _current;
    private volatile string _status = "starting";

    public StatsDatabase? Current => _current;

    /// <summary>What the site is doing while no stats.db is loaded (building demo data, a problem found), for the 503 page.</summary>
    public string Status => _status;

    public bool Failed { get; private set; }

    internal void Report(string status) => _status = status;

    internal void Loaded(StatsDatabase database)
    {
        _current = database;
        _status = "ready";
        Failed = false;
    }

    internal void Fail(string problem)
    {
        _status = problem;
        Failed = true;
    }
}
