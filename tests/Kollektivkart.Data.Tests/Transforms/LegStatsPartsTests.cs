using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Sql;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// A month too large for the memory limit is computed in parts of its stretches: the parts together
/// must be exactly the month computed at once, every stretch in one part only.
/// </summary>
public sealed class LegStatsPartsTests
{
    [Fact]
    public void The_parts_of_a_month_together_are_the_month_computed_at_once()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 9);
        var days = Journeys.Weekdays(new DateOnly(2025, 2, 1));
        for (var stop = 1; stop < 9; stop++)
        {
            for (var i = 0; i < 44; i++)
            {
                var day = days[i % days.Count];
                var departure = Journeys.Utc(day, new TimeSpan(6 + i % 2, 5 * (i / days.Count), 0));
                pond.Add(Journeys.OneLeg(day, $"J-{stop}-{i}", departure, $"NSR:Quay:{stop}", $"NSR:Quay:{stop + 1}", 100 + 7 * i + stop));
            }
        }
        pond.Write();
        pond.Derive();

        using var connection = DuckDbConnections.OpenInMemory();
        var legs = Path.Combine(pond.Root, "legs.parquet", "*", "*.parquet");
        var script = SqlScripts.Load("leg_stats.sql");
        string[] holidays = ["2025-01-01"];
        connection.Execute("CREATE TABLE whole AS " + script, ("legs", legs), ("holidays", holidays), ("part", 0), ("parts", 1));
        const int Parts = 3;
        connection.Execute("CREATE TABLE parts AS SELECT *, 0 AS part FROM (" + script + ")", ("legs", legs), ("holidays", holidays), ("part", 0), ("parts", Parts));
        for (var part = 1; part < Parts; part++)
        {
            connection.Execute($"INSERT INTO parts SELECT *, {part} FROM (" + script + ")", ("legs", legs), ("holidays", holidays), ("part", part), ("parts", Parts));
        }

        // 8 stretches x 2 hours.
        Assert.Equal(16L, connection.Scalar<long>("SELECT count(*) FROM whole"));
        Assert.Equal(0L, connection.Scalar<long>("SELECT count(*) FROM (FROM whole EXCEPT ALL SELECT * EXCLUDE (part) FROM parts)"));
        Assert.Equal(0L, connection.Scalar<long>("SELECT count(*) FROM (SELECT * EXCLUDE (part) FROM parts EXCEPT ALL FROM whole)"));
        // Really split, and never a stretch across parts (its monthly figures need all its legs).
        Assert.True(connection.Scalar<long>("SELECT count(DISTINCT part) FROM parts") > 1);
        Assert.Equal(0L, connection.Scalar<long>(
            "SELECT count(*) FROM (SELECT from_stop_id, to_stop_id FROM parts GROUP BY ALL HAVING count(DISTINCT part) > 1)"));
    }

    [Theory]
    [InlineData(31_000_000, null, 1)]
    [InlineData(31_000_000, 0.0, 1)]
    [InlineData(1_000_000, 4.0, 1)]
    [InlineData(31_000_000, 4.0, 3)]
    [InlineData(31_000_000, 1.0, 12)]
    [InlineData(long.MaxValue / 1000, 1.0, 64)]
    public void A_month_is_split_by_its_legs_against_the_memory_limit(long legs, double? memoryLimitGb, int parts) =>
        Assert.Equal(parts, Derivation.LegStatsParts(legs, memoryLimitGb));
}
