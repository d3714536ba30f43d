using System.Globalization;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// The lookup files and arrivals_stats are added up from day summaries, one night at a time; they must hold the
/// same rows as a computation over every arrival and leg of the pond, however the days came in.
/// </summary>
public sealed class DaySummaryTests
{
    private static readonly DateOnly From = new(2024, 3, 1);
    private const int Days = 4;

    /// <summary>The lookups from all arrivals and legs, in plain DuckDB: what the nightly run gave before day summaries.</summary>
    private static readonly (string File, string Sql)[] FromAllHistory =
    [
        (PondLayout.DataSources, """
            SELECT dataSource, arg_max(dataSourceName, operatingDate) AS dataSourceName
            FROM read_parquet(getvariable('root') || '/arrivals.parquet/*/*.parquet', hive_partitioning = true)
            WHERE dataSource IS NOT NULL GROUP BY dataSource ORDER BY dataSource
            """),
        (PondLayout.DataSourceLine, """
            SELECT DISTINCT dataSource, lineRef FROM read_parquet(getvariable('root') || '/legs.parquet/*/*.parquet')
            ORDER BY dataSource, lineRef
            """),
        (PondLayout.StopLine, """
            SELECT DISTINCT lineRef, dataSource, from_stop_id, to_stop_id FROM read_parquet(getvariable('root') || '/legs.parquet/*/*.parquet')
            ORDER BY dataSource, lineRef, from_stop_id, to_stop_id
            """),
        (PondLayout.LineStretch, """
            SELECT dataSource, lineRef, direction, from_stop_id, to_stop_id,
                arg_max(from_stop, start_time) AS from_stop, arg_max(to_stop, start_time) AS to_stop,
                median(sequenceNr) AS position, count(*) AS legs
            FROM read_parquet(getvariable('root') || '/legs.parquet/*/*.parquet')
            GROUP BY ALL ORDER BY dataSource, lineRef, direction, position, from_stop_id, to_stop_id
            """),
    ];

    private const string ArrivalsStatsFromAllHistory = """
        SELECT min(operatingDate) AS min_date, max(operatingDate) AS max_date, count(*) AS total_arrivals,
            (SELECT count(*) FROM read_parquet(getvariable('root') || '/legs.parquet/*/*.parquet')) AS total_legs
        FROM read_parquet(getvariable('root') || '/arrivals.parquet/*/*.parquet', hive_partitioning = true)
        """;

    [Fact]
    public void Lookups_derived_one_day_a_night_equal_those_from_all_history()
    {
        using var pond = DemoPond(out var aside);
        // The third day's operators carry other names, so the latest day's name must win over the days before it.
        RewriteArrivals(Path.Combine(aside, PondLayout.Format(From.AddDays(2))), select: "* REPLACE (dataSourceName || ' (renamed)' AS dataSourceName)");

        foreach (var day in Enumerable.Range(1, Days - 1).Select(From.AddDays))
        {
            pond.Derive();
            AssertLookupsEqualAllHistory(pond);
            Restore(pond, aside, day);
        }
        pond.Derive();

        AssertLookupsEqualAllHistory(pond);
    }

    [Fact]
    public void A_pond_without_day_summaries_gets_them_once_and_the_same_lookups()
    {
        using var pond = DemoPond(out var aside);
        foreach (var day in Enumerable.Range(1, Days - 2).Select(From.AddDays))
        {
            Restore(pond, aside, day);
        }
        pond.Derive();
        // A pond derived before day summaries existed.
        foreach (var summary in Directory.GetDirectories(pond.Root, PondLayout.DaySummary("*")))
        {
            Directory.Delete(summary, recursive: true);
        }
        Restore(pond, aside, From.AddDays(Days - 1));

        pond.Derive();

        AssertLookupsEqualAllHistory(pond);
        Assert.Equal(Enumerable.Range(0, Days).Select(i => PondLayout.Format(From.AddDays(i))),
            pond.Pond.PartitionValues(PondLayout.DaySummary("counts"), PondLayout.DayKey));
    }

    [Fact]
    public void A_day_derived_again_replaces_its_summary()
    {
        using var pond = DemoPond(out var aside);
        foreach (var day in Enumerable.Range(1, Days - 1).Select(From.AddDays))
        {
            Restore(pond, aside, day);
        }
        pond.Derive();
        // The day's raw data changes (a late correction), and the day is derived again: its old legs must not count.
        var changed = From.AddDays(1);
        RewriteArrivals(ArrivalsFolder(pond, changed), where: "hash(serviceJourneyId) % 3 <> 0");

        pond.Derive(new RunOptions(changed, Invalidate: true));

        AssertLookupsEqualAllHistory(pond);
    }

    private static void AssertLookupsEqualAllHistory(TestPond pond)
    {
        foreach (var (file, sql) in FromAllHistory)
        {
            var expected = Lines(pond.Query(sql));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Lines(pond.Query("FROM read_parquet(getvariable('root') || '/' || $file)", ("file", file))));
        }
        Assert.Equal(Lines(pond.Query(ArrivalsStatsFromAllHistory)), Lines(pond.StatsDb("FROM arrivals_stats")));
    }

    private static List<string> Lines(List<Dictionary<string, object?>> rows) =>
        rows.Select(row => string.Join(" | ", row.Select(cell => cell.Key + "=" + cell.Value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other?.ToString() ?? "NULL",
        }))).ToList();

    /// <summary>A small demo pond with its first day's arrivals in place and the others' in <paramref name="aside"/>.</summary>
    private static TestPond DemoPond(out string aside)
    {
        var pond = new TestPond();
        DemoGenerator.Generate(pond.Pond, new DemoOptions(From, Days, Scale: 0.01));
        aside = Path.Combine(pond.Root, "aside");
        Directory.CreateDirectory(aside);
        foreach (var day in Enumerable.Range(1, Days - 1).Select(From.AddDays))
        {
            Directory.Move(ArrivalsFolder(pond, day), Path.Combine(aside, PondLayout.Format(day)));
        }
        return pond;
    }

    private static void Restore(TestPond pond, string aside, DateOnly day) =>
        Directory.Move(Path.Combine(aside, PondLayout.Format(day)), ArrivalsFolder(pond, day));

    private static string ArrivalsFolder(TestPond pond, DateOnly day) =>
        Path.Combine(pond.Root, PartitionRef.Day(PondLayout.Arrivals, day).RelativePath);

    /// <summary>Writes the raw arrivals in <paramref name="folder"/> again as <c>SELECT {select} FROM</c> its files <c>WHERE {where}</c>.</summary>
    private static void RewriteArrivals(string folder, string select = "*", string where = "true")
    {
        using var connection = DuckDbConnections.OpenInMemory();
        foreach (var file in Directory.GetFiles(folder, "*.parquet"))
        {
            var rewritten = file + ".new";
            connection.Execute($"COPY (SELECT {select} FROM read_parquet($file, hive_partitioning = false) WHERE {where}) TO $output (FORMAT parquet)",
                ("file", file), ("output", rewritten));
            File.Move(rewritten, file, overwrite: true);
        }
    }
}
