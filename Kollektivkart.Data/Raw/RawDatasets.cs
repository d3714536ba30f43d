using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Raw;

/// <summary>
/// Writes the raw datasets (stops, quays, arrivals per operating day) from DuckDB tables created by
/// raw_schema.sql into a pond. Used by the demo generator, the BigQuery sync and the tests alike.
/// </summary>
public static class RawDatasets
{
    public const string SchemaScript = "raw_schema.sql";

    /// <summary>Creates empty arrivals, stops and quays tables on the connection.</summary>
    public static void CreateTables(DuckDBConnection connection) =>
        connection.Execute(SqlScripts.Load(SchemaScript));

    /// <summary>Replaces stops.parquet and quays.parquet with the connection's stops and quays tables.</summary>
    public static void WriteStopsAndQuays(DuckDBConnection connection, IPond pond)
    {
        using var staging = pond.BeginStaging();
        foreach (var (table, name) in new[] { ("stops", PondLayout.Stops), ("quays", PondLayout.Quays) })
        {
            var file = staging.FilePath(name);
            // Table names are constants of this class, never user input.
            connection.Execute($"COPY (FROM {table} ORDER BY id) TO $path (FORMAT parquet, COMPRESSION zstd)", ("path", file));
            pond.CommitFile(file, name);
        }
    }

    /// <summary>
    /// Starts one operating day's arrivals partition. Rows are flushed from the connection's arrivals
    /// table in chunks, so a day never has to be held in memory whole; the partition appears on commit.
    /// </summary>
    public static ArrivalsPartitionWriter BeginArrivalsDay(DuckDBConnection connection, IPond pond, DateOnly day) =>
        new(connection, pond, day);
}

public sealed class ArrivalsPartitionWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly IPond _pond;
    private readonly StagingArea _staging;
    private readonly string _folder;
    private int _files;

    internal ArrivalsPartitionWriter(DuckDBConnection connection, IPond pond, DateOnly day)
    {
        _connection = connection;
        _pond = pond;
        Day = day;
        _staging = pond.BeginStaging();
        _folder = _staging.NewFolder("arrivals");
    }

    public DateOnly Day { get; }

    public long RowsWritten { get; private set; }

    /// <summary>Moves the rows now in the arrivals table into a new file of the partition and empties the table.</summary>
    public void Flush()
    {
        var rows = _connection.Scalar<long>("SELECT count(*) FROM arrivals");
        if (rows == 0 && _files > 0)
        {
            return;
        }
        var file = Path.Combine(_folder, $"part-{_files:D4}.parquet");
        _connection.Execute(
            "COPY (SELECT * EXCLUDE (operatingDate) FROM arrivals) TO $path (FORMAT parquet, COMPRESSION zstd)",
            ("path", file));
        _connection.Execute("DELETE FROM arrivals");
        _files++;
        RowsWritten += rows;
    }

    /// <summary>Flushes what is left and publishes the partition.</summary>
    public void Commit()
    {
        Flush();
        _pond.CommitPartition(_folder, PartitionRef.Day(PondLayout.Arrivals, Day));
    }

    public void Dispose() => _staging.Dispose();
}
