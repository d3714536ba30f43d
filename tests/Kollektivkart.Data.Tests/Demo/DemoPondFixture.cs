using DuckDB.NET.Data;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>
/// One demo pond at the default scale for the tests that only read: Friday 1 March 2024 to
/// Monday 4 March, so two weekdays and a weekend.
/// </summary>
public sealed class DemoPondFixture : IDisposable
{
    public static readonly DateOnly From = new(2024, 3, 1);
    public static readonly DateOnly[] Weekdays = [new(2024, 3, 1), new(2024, 3, 4)];
    public static readonly DateOnly[] WeekendDays = [new(2024, 3, 2), new(2024, 3, 3)];

    /// <summary>The default scale and seed.</summary>
    public static readonly DemoOptions Options = new(From, Days: 4);

    private readonly TempFolder _folder = new();

    public DemoPondFixture()
    {
        Pond = LocalPond.Open(_folder.Path, create: true);
        Summary = DemoGenerator.Generate(Pond, Options);
    }

    public LocalPond Pond { get; }

    public DemoSummary Summary { get; }

    public string ArrivalsGlob => PondLayout.Glob(Pond.Root, PondLayout.Arrivals);

    public string StopsFile => Path.Combine(Pond.Root, PondLayout.Stops);

    public string QuaysFile => Path.Combine(Pond.Root, PondLayout.Quays);

    /// <summary>A connection with the pond's arrivals, stops and quays loaded as tables of those names.</summary>
    public DuckDBConnection OpenWithTables()
    {
        var connection = DuckDbConnections.OpenInMemory();
        connection.Execute("CREATE TABLE arrivals AS FROM read_parquet($glob, hive_partitioning = true)", ("glob", ArrivalsGlob));
        connection.Execute("CREATE TABLE stops AS FROM read_parquet($path)", ("path", StopsFile));
        connection.Execute("CREATE TABLE quays AS FROM read_parquet($path)", ("path", QuaysFile));
        return connection;
    }

    public void Dispose() => _folder.Dispose();
}
