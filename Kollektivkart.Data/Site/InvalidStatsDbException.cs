namespace Kollektivkart.Data.Site;

/// <summary>
/// A file that is not a stats.db this build can serve (<see cref="StatsDatabase.Open"/>): not a DuckDB database, a
/// table missing, another schema version, or rows missing from what the job wrote. <see cref="Problem"/> says which.
/// </summary>
public sealed class InvalidStatsDbException(string path, string problem, Exception? inner = null)
    : Exception($"{path} is not a stats.db this build can serve: {problem}.", inner)
{
    public string Path => path;

    public string Problem => problem;
}
