using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// An open stats.db keeps its database open for every query until disposed, and a newer file moved into the same
/// path (as the job publishes) opens as itself, not as the older one still served.
/// </summary>
public sealed class StatsDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string StatsDb => Path.Combine(_folder.Path, "stats.db");

    [Fact]
    public void A_stats_db_moved_over_an_open_one_opens_with_its_own_data()
    {
        Write(StatsDb, arrivals: 1);
        using var older = StatsDatabase.Open(StatsDb);

        Publish(arrivals: 2);
        using var newer = StatsDatabase.Open(StatsDb);

        Assert.Equal(1, older.Catalog.ArrivalsCount);
        Assert.Equal(2, newer.Catalog.ArrivalsCount);
        Assert.Equal(1, Arrivals(older));
        Assert.Equal(2, Arrivals(newer));
    }

    [Fact]
    public void Every_query_connection_works_in_norwegian_time_without_setting_it_itself()
    {
        Write(StatsDb, arrivals: 1);
        using var db = StatsDatabase.Open(StatsDb);

        using var first = db.Connect();
        using var second = db.Connect();

        Assert.Equal("Europe/Oslo", second.Scalar<string>("SELECT current_setting('TimeZone')"));
        Assert.Equal(8L, first.Scalar<long>("SELECT extract(hour FROM TIMESTAMPTZ '2025-03-31 06:30:00+00')"));
    }

    [Fact]
    public void Queries_run_on_the_database_opened_at_start_even_when_its_file_is_gone()
    {
        Write(StatsDb, arrivals: 3);
        using var db = StatsDatabase.Open(StatsDb);

        File.Delete(StatsDb);

        Assert.Equal(3, Arrivals(db));
    }

    [Fact]
    public void A_disposed_database_takes_no_more_queries_and_the_path_opens_afresh()
    {
        Write(StatsDb, arrivals: 4);
        var db = StatsDatabase.Open(StatsDb);
        db.Dispose();
        db.Dispose();

        Assert.Throws<ObjectDisposedException>(() => db.Connect());
        Publish(arrivals: 5);
        using var again = StatsDatabase.Open(StatsDb);
        Assert.Equal(5, Arrivals(again));
    }

    public void Dispose() => _folder.Dispose();

    private void Publish(int arrivals)
    {
        var aside = StatsDb + ".new";
        Write(aside, arrivals);
        File.Move(aside, StatsDb, overwrite: true);
    }

    private static long Arrivals(StatsDatabase db) => db.Query("SELECT total_arrivals FROM arrivals_stats", r => r.GetInt64(0)).Single();

    /// <summary>The smallest file StatsDatabase.Open accepts: every table of the schema, one month, the arrivals count given.</summary>
    private static void Write(string path, int arrivals)
    {
        using (var connection = DuckDbConnections.Open(path))
        {
            foreach (var table in StatsDbSchema.Tables.Except(["datasources", "arrivals_stats", "derived_from", "leg_stat_rows", "schema_version"]))
            {
                connection.Execute($"CREATE TABLE {table} (id INTEGER)");
            }
            connection.Execute("CREATE TABLE leg_stat_rows AS SELECT DATE '2025-01-01' AS month");
            connection.Execute("CREATE TABLE datasources AS SELECT 'RUT' AS dataSource, 'Ruter' AS dataSourceName");
            connection.Execute("CREATE TABLE derived_from AS SELECT DATE '2025-01-31' AS operatingDate");
            connection.Execute(
                "CREATE TABLE arrivals_stats AS SELECT DATE '2025-01-06' AS min_date, DATE '2025-01-31' AS max_date, " +
                "$arrivals::BIGINT AS total_arrivals, 0::BIGINT AS total_legs", ("arrivals", arrivals));
            connection.Execute("CREATE TABLE schema_version AS SELECT $version::INTEGER AS version", ("version", StatsDbSchema.Version));
        }
    }
}
