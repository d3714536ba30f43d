using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// One definition of a stats.db this build serves (<see cref="StatsDatabase.Open"/>: a DuckDB database with every table
/// and the schema version): the site refuses any other file, a run never moves one into the pond, and a run rebuilds a
/// pond's stats.db that fails it.
/// </summary>
/// <remarks>The tests share one derived pond; each leaves it with a good stats.db.</remarks>
public sealed class StatsDbCheckTests(StatsDbCheckTests.DerivedPond derived) : IClassFixture<StatsDbCheckTests.DerivedPond>
{
    private readonly TestPond _pond = derived.Pond;

    /// <summary>Three stops, a line on February's weekdays, derived.</summary>
    public sealed class DerivedPond : IDisposable
    {
        public DerivedPond()
        {
            Pond.StopsInALine(1, 3)
                .Add(Journeys.OnWeekdays(new DateOnly(2025, 2, 1), 8, 21, [("NSR:Quay:1", 0), ("NSR:Quay:2", 30), ("NSR:Quay:3", 60)]))
                .Write();
            Pond.Derive();
        }

        public TestPond Pond { get; } = new();

        public void Dispose() => Pond.Dispose();
    }

    private string StatsDb => Path.Combine(_pond.Root, PondLayout.StatsDb);

    [Theory]
    [InlineData(StatsDbDamage.NotDuckDb)]
    [InlineData(StatsDbDamage.Truncated)]
    [InlineData(StatsDbDamage.TableMissing)]
    [InlineData(StatsDbDamage.OtherSchemaVersion)]
    public void A_file_that_is_not_a_stats_db_of_this_build_is_refused_saying_what_is_wrong(StatsDbDamage damage)
    {
        using var staging = _pond.Pond.BeginStaging();
        var bad = staging.FilePath(PondLayout.StatsDb);
        var problem = BadStatsDb.Write(StatsDb, bad, damage);

        var refused = Assert.Throws<InvalidStatsDbException>(() => StatsDatabase.Open(bad));

        Assert.Equal(bad, refused.Path);
        Assert.Contains(problem, refused.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{bad} is not a stats.db this build can serve: ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatsDbDamage.NotDuckDb)]
    [InlineData(StatsDbDamage.Truncated)]
    [InlineData(StatsDbDamage.TableMissing)]
    [InlineData(StatsDbDamage.OtherSchemaVersion)]
    public void A_run_never_moves_a_bad_stats_db_into_the_pond(StatsDbDamage damage)
    {
        var written = RowCounts(StatsDb);
        using var staging = _pond.Pond.BeginStaging();
        var built = staging.FilePath(PondLayout.StatsDb);
        var problem = BadStatsDb.Write(StatsDb, built, damage);
        var before = TempFolder.Snapshot(_pond.Root);

        var refused = Assert.Throws<InvalidStatsDbException>(() => Derivation().PublishStatsDb(built, written));

        Assert.Contains(problem, refused.Problem, StringComparison.Ordinal);
        Assert.Equal(before, TempFolder.Snapshot(_pond.Root));
    }

    [Fact]
    public void A_built_stats_db_that_holds_other_row_counts_than_were_written_is_not_published_and_a_matching_one_is()
    {
        var written = RowCounts(StatsDb);
        using var staging = _pond.Pond.BeginStaging();
        var built = staging.FilePath(PondLayout.StatsDb);
        File.Copy(StatsDb, built);
        var before = TempFolder.Snapshot(_pond.Root);
        var moreThanWritten = new Dictionary<string, long>(written) { ["leg_stat_rows"] = written["leg_stat_rows"] + 1 };

        var refused = Assert.Throws<InvalidStatsDbException>(() => Derivation().PublishStatsDb(built, moreThanWritten));

        Assert.Equal($"table leg_stat_rows holds {written["leg_stat_rows"]} rows, the job wrote {written["leg_stat_rows"] + 1}", refused.Problem);
        Assert.Equal(before, TempFolder.Snapshot(_pond.Root));

        File.Delete(StatsDb);
        Derivation().PublishStatsDb(built, written);
        Assert.False(File.Exists(built));
        Assert.Equal(written, RowCounts(StatsDb));
    }

    [Theory]
    [InlineData(StatsDbDamage.NotDuckDb)]
    [InlineData(StatsDbDamage.Truncated)]
    [InlineData(StatsDbDamage.TableMissing)]
    [InlineData(StatsDbDamage.OtherSchemaVersion)]
    public void A_run_rebuilds_a_pond_stats_db_that_fails_the_check(StatsDbDamage damage)
    {
        var written = RowCounts(StatsDb);
        var aside = StatsDb + ".good";
        File.Move(StatsDb, aside);
        BadStatsDb.Write(aside, StatsDb, damage);
        File.Delete(aside);

        var report = _pond.Derive();

        Assert.Contains(report.Steps, s => s.Step == "stats.db");
        Assert.Equal(written, RowCounts(StatsDb));
    }

    private Derivation Derivation() => new(_pond.Pond, new RunOptions(new DateOnly(2000, 1, 1)), NullLogger.Instance);

    private static IReadOnlyDictionary<string, long> RowCounts(string path)
    {
        using var database = StatsDatabase.Open(path);
        using var connection = database.Connect();
        return StatsDatabase.RowCounts(connection);
    }
}
