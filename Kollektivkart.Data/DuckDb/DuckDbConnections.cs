using System.Globalization;
using DuckDB.NET.Data;

namespace Kollektivkart.Data.DuckDb;

/// <summary>
/// Opens DuckDB connections configured the same way everywhere: local time is Europe/Oslo,
/// no extension is ever downloaded, and the resource limits of <see cref="DuckDbSettings"/>.
/// One connection per step or request; connections are never shared across threads.
/// </summary>
public static class DuckDbConnections
{
    public const string LocalTimeZone = "Europe/Oslo";

    public static DuckDBConnection OpenInMemory(DuckDbSettings? settings = null) => Open(":memory:", settings);

    public static DuckDBConnection Open(string dataSource, DuckDbSettings? settings = null, bool readOnly = false)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = dataSource };
        if (readOnly)
        {
            builder["access_mode"] = "READ_ONLY";
        }
        var connection = new DuckDBConnection(builder.ConnectionString);
        connection.Open();
        try
        {
            connection.Execute($"SET TimeZone = '{LocalTimeZone}'");
            connection.Execute("SET autoinstall_known_extensions = false");
            connection.Execute("SET autoload_known_extensions = false");
            settings ??= DuckDbSettings.Default;
            if (settings.Threads is { } threads)
            {
                connection.Execute($"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
            }
            if (settings.MemoryLimitGb is { } gb)
            {
                // DuckDB's GB and MB are decimal, as is the --memory-limit-gb of the original.
                var mb = (long)Math.Round(gb * 1000);
                connection.Execute($"SET memory_limit = '{mb.ToString(CultureInfo.InvariantCulture)}MB'");
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
