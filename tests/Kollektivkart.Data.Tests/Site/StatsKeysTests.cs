using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// The site computes the keys of stats.db's tables (StatsKeys) for its queries' parameters; stats.db computes them with
/// its macros (StatsDb/keys.sql) when it is built. A key that differed would find no rows, so the two must agree for
/// every kind of id, and a stop place's key is its number.
/// </summary>
public sealed class StatsKeysTests
{
    public static TheoryData<string> StopIds =>
    [
        "NSR:StopPlace:1", "NSR:StopPlace:58366", "NSR:StopPlace:999999999999999", "NSR:StopPlace:1234567890123456",
        "NSR:StopPlace:", "NSR:StopPlace:12a", "nsr:stopplace:1", "NSR:StopPlace:1\n", "NSR:Quay:7", "TEST:Hot:3",
        "Ærøy:Stopp:1", "",
    ];

    public static TheoryData<string> LineRefs => ["RUT:Line:31", "ATB:Line:2_3", "VYG:Line:R20", "SKY:Line:N5", "Østfold:Linje:1", ""];

    [Theory]
    [MemberData(nameof(StopIds))]
    public void A_stop_key_is_the_one_stats_db_computes(string stopId) =>
        Assert.Equal(Macro("stop_key", stopId), StatsKeys.Stop(stopId));

    [Theory]
    [MemberData(nameof(LineRefs))]
    public void A_line_key_is_the_one_stats_db_computes(string lineRef) =>
        Assert.Equal(Macro("line_key", lineRef), StatsKeys.Line(lineRef));

    [Fact]
    public void A_stop_place_keeps_its_number_and_other_ids_are_negative()
    {
        Assert.Equal(58366, StatsKeys.Stop("NSR:StopPlace:58366"));
        Assert.True(StatsKeys.Stop("NSR:Quay:7") < 0);
        Assert.True(StatsKeys.Stop("NSR:StopPlace:1234567890123456") < 0, "more digits than the key holds");
        Assert.NotEqual(StatsKeys.Stop("NSR:Quay:7"), StatsKeys.Stop("NSR:Quay:8"));
        Assert.True(StatsKeys.Line("RUT:Line:31") >= 0);
    }

    private static long Macro(string macro, string value)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute(SqlScripts.Load("StatsDb/keys.sql"));
        return connection.Scalar<long>($"SELECT {macro}($value)", ("value", value));
    }
}
