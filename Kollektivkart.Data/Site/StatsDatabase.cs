using System.Data.Common;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Data.Site;

/// <summary>
/// One published stats.db, opened read-only. Each query opens its own connection
/// (<see cref="Connect"/>) and closes it when done; nothing is shared across threads.
/// The facts every page needs (months, operators, data range) are read once at open.
/// One connection stays open until <see cref="Dispose"/>: DuckDB.NET closes a database with its
/// last connection, and a query on a freshly opened one would read every block from disk again.
/// </summary>
public sealed class StatsDatabase : IDisposable
{
    private static readonly HashSet<string> OpenDataSources = new(StringComparer.OrdinalIgnoreCase);

    private readonly DuckDBConnection _held;
    private readonly string _dataSource;
    private int _disposed;

    private StatsDatabase(string path, string dataSource, DuckDBConnection held, DataCatalog catalog)
    {
        Path = path;
        _dataSource = dataSource;
        _held = held;
        Catalog = catalog;
    }

    public string Path { get; }

    public DataCatalog Catalog { get; }

    /// <summary>Opens and checks a stats.db; a missing file or table is a <see cref="PondException"/> naming it.</summary>
    public static StatsDatabase Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new PondException($"{path} does not exist: run the nightly job (or `demo` and `run --skip-bq`) to publish stats.db.");
        }
        var dataSource = Reserve(System.IO.Path.GetFullPath(path));
        DuckDBConnection? connection = null;
        try
        {
            connection = DuckDbConnections.Open(dataSource, readOnly: true);
            var tables = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = connection.Query("SELECT table_name FROM information_schema.tables"))
            {
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            var missing = StatsDbSchema.Tables.Where(t => !tables.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                throw new PondException(
                    $"{path} is not a complete stats.db of this version: table {string.Join(", ", missing)} missing. " +
                    "Run the nightly job (`run`) on the pond to rebuild it.");
            }
            if (StatsDbSchema.VersionOf(connection) is var version && version != StatsDbSchema.Version)
            {
                throw new PondException(
                    $"{path} has schema version {version}, this build reads {StatsDbSchema.Version}. Run the nightly job (`run`) on the pond to rebuild it.");
            }
            return new StatsDatabase(path, dataSource, connection, DataCatalog.Read(connection));
        }
        catch (Exception e)
        {
            connection?.Dispose();
            Free(dataSource);
            if (e is DuckDBException)
            {
                throw new PondException($"{path} cannot be read as a DuckDB database: {e.Message}");
            }
            throw;
        }
    }

    /// <summary>A new read-only connection to the open database; dispose it when the query is done.</summary>
    public DuckDBConnection Connect()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return DuckDbConnections.Open(_dataSource, readOnly: true);
    }

    /// <summary>Runs a query and maps each row; the connection lives only as long as the call.</summary>
    public IReadOnlyList<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var connection = Connect();
        using var reader = connection.Query(sql, parameters);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    /// <summary>Closes the database once no query runs on it any more (the site disposes it when no request is pinned to it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _held.Dispose();
            Free(_dataSource);
        }
    }

    /// <summary>
    /// A data source string for the file that no open StatsDatabase uses. DuckDB.NET shares one database per
    /// data source string, so a newer stats.db moved into the same path would otherwise be served from the
    /// older one's database; "dir/./stats.db" names the same file under another key.
    /// </summary>
    private static string Reserve(string fullPath)
    {
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        var name = System.IO.Path.GetFileName(fullPath);
        lock (OpenDataSources)
        {
            for (var hops = 0; ; hops++)
            {
                var candidate = System.IO.Path.Combine([folder, .. Enumerable.Repeat(".", hops), name]);
                if (OpenDataSources.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    private static void Free(string dataSource)
    {
        lock (OpenDataSources)
        {
            OpenDataSources.Remove(dataSource);
        }
    }
}
