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
/// </summary>
public sealed class StatsDatabase
{
    private StatsDatabase(string path, DataCatalog catalog)
    {
        Path = path;
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
        try
        {
            using var connection = DuckDbConnections.Open(path, readOnly: true);
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
            return new StatsDatabase(path, DataCatalog.Read(connection));
        }
        catch (DuckDBException e)
        {
            throw new PondException($"{path} cannot be read as a DuckDB database: {e.Message}");
        }
    }

    /// <summary>A new read-only connection; dispose it when the query is done.</summary>
    public DuckDBConnection Connect() => DuckDbConnections.Open(Path, readOnly: true);

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
}
