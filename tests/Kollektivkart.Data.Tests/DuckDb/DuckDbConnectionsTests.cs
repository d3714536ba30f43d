using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Data.Tests.DuckDb;

public sealed class DuckDbConnectionsTests
{
    [Fact]
    public void Limits_become_duckdb_threads_and_memory_limit()
    {
        using var connection = DuckDbConnections.OpenInMemory(new DuckDbSettings(Threads: 1, MemoryLimitGb: 1.5));

        using var reference = DuckDbConnections.OpenInMemory();
        reference.Execute("SET memory_limit = '1.5GB'");

        Assert.Equal(1L, connection.Scalar<long>("SELECT current_setting('threads')"));
        Assert.Equal(
            reference.Scalar<string>("SELECT current_setting('memory_limit')"),
            connection.Scalar<string>("SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void Every_connection_works_in_norwegian_time_and_never_downloads_extensions()
    {
        using var connection = DuckDbConnections.OpenInMemory();

        Assert.Equal("Europe/Oslo", connection.Scalar<string>("SELECT current_setting('TimeZone')"));
        Assert.False(connection.Scalar<bool>("SELECT current_setting('autoinstall_known_extensions')"));
        Assert.Equal(8L, connection.Scalar<long>("SELECT extract(hour FROM TIMESTAMPTZ '2025-03-31 06:30:00+00')"));
    }
}
