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
        // Settings go in the connection string, so no value is ever written into SQL text.
        var builder = new DuckDBConnectionStringBuilder { DataSource = dataSource };
        builder["autoinstall_known_extensions"] = "false";
        builder["autoload_known_extensions"] = "false";
        if (readOnly)
        {
            builder["access_mode"] = "READ_ONLY";
        }
        settings ??= DuckDbSettings.Default;
        if (settings.Threads is { } threads)
        {
            builder["threads"] = threads.ToString(CultureInfo.InvariantCulture);
        }
        if (settings.MemoryLimitGb is { } gb)
        {
            // DuckDB's GB and MB are decimal, as is the --memory-limit-gb of the original.
            builder["memory_limit"] = ((long)Math.Round(gb * 1000)).ToString(CultureInfo.InvariantCulture) + "MB";
        }
        var connection = new DuckDBConnection(builder.ConnectionString);
        connection.Open();
        try
        {
            connection.Execute("SET TimeZone = '" + LocalTimeZone + "'");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
