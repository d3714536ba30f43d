using System.Data.Common;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Sql;
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
    private readonly Lock _dimensionsLock = new();
    private SiteDimensions? _dimensions;
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

    /// <summary>
    /// Stops and lines by key (<see cref="SiteDimensions"/>), read on first use (the job's checks never need them), once:
    /// requests that come meanwhile wait for it. A read that fails is not kept, so the next request reads again rather
    /// than every request failing until the next stats.db.
    /// </summary>
    internal SiteDimensions Dimensions
    {
        get
        {
            if (Volatile.Read(ref _dimensions) is { } read)
            {
                return read;
            }
            lock (_dimensionsLock)
            {
                return _dimensions ??= SiteDimensions.Read(this);
            }
        }
    }

    /// <summary>
    /// Opens a stats.db and checks that it is one this build serves: a DuckDB database holding every table of
    /// <see cref="StatsDbSchema.Tables"/> and <see cref="StatsDbSchema.Version"/>. The site refuses any other file and
    /// the job checks what it built the same way (<see cref="Verify"/>): one definition for both. A missing file is a
    /// <see cref="PondException"/>; a file that fails the check an <see cref="InvalidStatsDbException"/> saying why.
    /// </summary>
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
            connection = DuckDbConnections.Open(dataSource, readOnly: true, timeZoneForAll: true);
            CheckSchema(connection, path);
            return new StatsDatabase(path, dataSource, connection, DataCatalog.Read(connection));
        }
        catch (Exception e)
        {
            connection?.Dispose();
            Free(dataSource);
            if (e is DuckDBException)
            {
                // A truncated or damaged file fails here, at open or on the first read of the catalog.
                throw new InvalidStatsDbException(path, $"it cannot be read as a DuckDB database ({e.Message.Split('\n', 2)[0].Trim()})", e);
            }
            throw;
        }
    }

    /// <summary>Throws unless <paramref name="path"/> is a stats.db this build serves (what <see cref="Open"/> checks); keeps nothing open.</summary>
    public static void Check(string path)
    {
        using var database = Open(path);
    }

    /// <summary>
    /// The job's check of the stats.db it built, before publishing it: it opens as the site opens it
    /// (<see cref="Open"/>) and every table holds the rows <paramref name="written"/> says the job wrote.
    /// </summary>
    public static void Verify(string path, IReadOnlyDictionary<string, long> written)
    {
        using var database = Open(path);
        using var connection = database.Connect();
        var read = RowCounts(connection);
        foreach (var (table, rows) in written.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!read.TryGetValue(table, out var found) || found != rows)
            {
                throw new InvalidStatsDbException(path, $"table {table} holds {(read.ContainsKey(table) ? found : 0)} rows, the job wrote {rows}");
            }
        }
    }

    /// <summary>The row count of each table (not view) in a stats.db.</summary>
    public static IReadOnlyDictionary<string, long> RowCounts(DuckDBConnection connection)
    {
        var tables = new List<string>();
        using (var reader = connection.Query("SELECT table_name FROM duckdb_tables() ORDER BY table_name"))
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var script = SqlScripts.Load("Site/row_count.sql");
        return tables.ToDictionary(t => t, t => connection.Scalar<long>(script, ("table", t)), StringComparer.Ordinal);
    }

    private static void CheckSchema(DuckDBConnection connection, string path)
    {
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
            throw new InvalidStatsDbException(path, $"{(missing.Count == 1 ? "table" : "tables")} {string.Join(", ", missing)} missing");
        }
        if (StatsDbSchema.VersionOf(connection) is var version && version != StatsDbSchema.Version)
        {
            throw new InvalidStatsDbException(path, $"schema version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, this build reads {StatsDbSchema.Version}");
        }
    }

    /// <summary>A new read-only connection to the open database; dispose it when the query is done.</summary>
    public DuckDBConnection Connect()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return DuckDbConnections.OpenAnother(_dataSource, readOnly: true);
    }

    /// <summary>Runs a query and maps each row; the connection lives only as long as the call.</summary>
    public IReadOnlyList<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var connection = Connect();
        using var reader = new NamedColumnReader(connection.Query(sql, parameters));
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
