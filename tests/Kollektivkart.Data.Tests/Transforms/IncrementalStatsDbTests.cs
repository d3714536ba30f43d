using System.Collections.Concurrent;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Tests.Demo;
using Kollektivkart.Testing;
using Kollektivkart.Data.Transforms;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// A night builds stats.db from the one published before, replacing only the months that gained days (issue 22): the
/// result is the stats.db a build from scratch makes of the same pond, table for table and row for row, while the
/// months that did not change are not built again. A stats.db that cannot be built on is built from scratch.
/// </summary>
public sealed class IncrementalStatsDbTests(IncrementalStatsDbTests.Published published) : IClassFixture<IncrementalStatsDbTests.Published>, IDisposable
{
    private static readonly DateOnly First = new(2025, 1, 28);

    private readonly TempFolder _folder = new();

    /// <summary>Demo days from 28 January to 3 March (three months, two of them with a month before), derived and published once for the class.</summary>
    public sealed class Published : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Published()
        {
            var pond = LocalPond.Open(_folder.Path, create: true);
            DemoGenerator.Generate(pond, new DemoOptions(First, 35, Scale: 0.01));
            new Derivation(pond, new RunOptions(First), new ListLogger()).Run();
        }

        public string Root => _folder.Path;

        public void Dispose() => _folder.Dispose();
    }

    /// <summary>A copy of the published pond for one test to change.</summary>
    private LocalPond DerivedPond(string name) => LocalPond.Open(TempFolder.CopyTree(published.Root, _folder.Sub(name)), create: false);

    [Fact]
    public void A_new_day_rebuilds_its_month_and_the_result_is_the_full_build()
    {
        var pond = DerivedPond("night");
        DemoGenerator.Generate(pond, new DemoOptions(First.AddDays(35), 1, Scale: 0.01));
        var log = new ListLogger();

        new Derivation(pond, new RunOptions(First), log).Run();

        var building = Assert.Single(log.Lines, l => l.StartsWith("Building stats.db", StringComparison.Ordinal));
        Assert.Contains("from the one published before", building);
        Assert.Contains("leg_stats months 2025-03 of 3", building);
        Assert.Contains("punctuality months 2025-03 of 3", building);
        AssertSameAsFromScratch(pond);
        // March is the newest month and was built before: the tables ordered across months are not ordered again.
        Assert.Contains(log.Lines, l => l.StartsWith("stats.db: 2025-03 appended to stop_delay and stretch_months in key order", StringComparison.Ordinal));
    }

    [Fact]
    public void A_day_of_the_newest_month_appends_its_rows_after_the_other_months_which_stay_ordered()
    {
        // The shared demo's February (the newest month) has rows in every table, which this class's sparse March has not.
        var pond = DerivedDemo.CopyTo(_folder.Sub("newest"));
        var options = DerivedDemo.Options with { From = DerivedDemo.Options.From.AddDays(DerivedDemo.Options.Days), Days = 1 };
        DemoGenerator.Generate(pond, options);
        var log = new ListLogger();

        new Derivation(pond, DerivedDemo.RunOptions, log).Run();

        Assert.Contains(log.Lines, l => l.StartsWith("stats.db: 2025-02 appended to stop_delay and stretch_months in key order", StringComparison.Ordinal));
        var statsDb = Path.Combine(pond.Root, PondLayout.StatsDb);
        foreach (var (table, key) in AcrossMonths)
        {
            using (var connection = DuckDbConnections.Open(statsDb, readOnly: true))
            {
                Assert.True(connection.Scalar<long>($"SELECT count(*) FROM {table} WHERE month = DATE '2025-02-01'") > 10, $"{table} has February");
                Assert.True(connection.Scalar<long>($"SELECT count(*) FROM {table} WHERE month < DATE '2025-02-01'") > 10, $"{table} has January");
            }
            Assert.Equal(0, Backwards(statsDb, table, key, "month < DATE '2025-02-01'"));
            Assert.Equal(0, Backwards(statsDb, table, key, "month = DATE '2025-02-01'"));
            Assert.True(NewestMonthLast(statsDb, table), $"{table}: a row of January after February's: {Runs(statsDb, table)}");
        }
        AssertSameAsFromScratch(pond, DerivedDemo.RunOptions);
    }

    [Fact]
    public void A_changed_month_in_the_middle_rebuilds_it_and_the_month_after_it_compares_with()
    {
        var pond = DerivedPond("middle");
        // February's record of source days no longer matches (as when a late day of February arrives): February's rows
        // are built again, and month_changes of March, which compares March with February.
        using (var connection = DuckDbConnections.Open(Path.Combine(pond.Root, PondLayout.StatsDb)))
        {
            connection.Execute("UPDATE built_months SET source_days = 'another record' WHERE month = DATE '2025-02-01' AND dataset = $d", ("d", PondLayout.LegStats));
            // Rows the rebuild must replace: were February and March's changes not built again, these would remain.
            connection.Execute("UPDATE leg_stat_rows SET hourly_count = hourly_count + 1 WHERE month = DATE '2025-02-01'");
            connection.Execute("DELETE FROM month_changes WHERE month = DATE '2025-03-01'");
            // derived_from no longer matching the pond makes the run publish stats.db again, as a changed day would.
            connection.Execute("DELETE FROM derived_from WHERE operatingDate = DATE '2025-02-03'");
        }
        var log = new ListLogger();

        new Derivation(pond, new RunOptions(First), log).Run();

        var building = Assert.Single(log.Lines, l => l.StartsWith("Building stats.db", StringComparison.Ordinal));
        Assert.Contains("leg_stats months 2025-02 of 3", building);
        Assert.Contains("punctuality months none of 3", building);
        AssertSameAsFromScratch(pond);
        // Not the newest month: the tables ordered across months are ordered whole again.
        AssertOrderedWhole(pond, log);
    }

    [Fact]
    public void A_month_the_published_stats_db_does_not_hold_orders_the_tables_across_months_again()
    {
        var pond = DerivedPond("new-month");
        // As on the first night of a month: the newest month is not among those stats.db was built from.
        using (var connection = DuckDbConnections.Open(Path.Combine(pond.Root, PondLayout.StatsDb)))
        {
            connection.Execute("DELETE FROM built_months WHERE month = DATE '2025-03-01' AND dataset = $d", ("d", PondLayout.LegStats));
            connection.Execute("DELETE FROM derived_from WHERE operatingDate = DATE '2025-03-03'");
        }
        var log = new ListLogger();

        new Derivation(pond, new RunOptions(First), log).Run();

        Assert.Contains(log.Lines, l => l.StartsWith("Building stats.db", StringComparison.Ordinal) && l.Contains("leg_stats months 2025-03 of 3", StringComparison.Ordinal));
        AssertOrderedWhole(pond, log);
        AssertSameAsFromScratch(pond);
    }

    /// <summary>The night ordered the tables ordered across months whole again: no month of them appended at the end.</summary>
    private static void AssertOrderedWhole(LocalPond pond, ListLogger log)
    {
        Assert.DoesNotContain(log.Lines, l => l.Contains("appended to stop_delay", StringComparison.Ordinal));
        foreach (var (table, key) in AcrossMonths)
        {
            Assert.Equal(0, Backwards(Path.Combine(pond.Root, PondLayout.StatsDb), table, key, "true"));
        }
    }

    /// <summary>The tables ordered by key across months (stop_delay_order.sql, stretch_months_order.sql), with that key.</summary>
    private static readonly (string Table, string Key)[] AcrossMonths =
    [
        ("stop_delay", "stop_key, stop_id, month, day_type"),
        ("stretch_months", "from_key, to_key, from_stop_id, to_stop_id, data_source, day_type, month"),
    ];

    /// <summary>How many of the table's rows matching <paramref name="where"/> come, in stored order, after one with a larger key.</summary>
    private static long Backwards(string statsDb, string table, string key, string where)
    {
        using var connection = DuckDbConnections.Open(statsDb, readOnly: true);
        return connection.Scalar<long>(
            $"SELECT count(*) FROM (SELECT ({key}) AS k, lag(({key})) OVER (ORDER BY rowid) AS previous FROM {table} WHERE {where}) WHERE k < previous");
    }

    /// <summary>The table's months in stored order, as runs of one month: "2025-01-01 x 40, 2025-02-01 x 38, ...".</summary>
    private static string? Runs(string statsDb, string table)
    {
        using var connection = DuckDbConnections.Open(statsDb, readOnly: true);
        return connection.Scalar<string>(
            $$"""
            SELECT string_agg(format('{} x {} from {}', month, n, first_row), ', ' ORDER BY first_row)
            FROM (SELECT month, run, count(*) AS n, min(rowid) AS first_row FROM (
                SELECT rowid, month, sum(CASE WHEN month IS DISTINCT FROM previous THEN 1 ELSE 0 END) OVER (ORDER BY rowid) AS run
                FROM (SELECT rowid, month, lag(month) OVER (ORDER BY rowid) AS previous FROM {{table}}))
                GROUP BY month, run)
            """);
    }

    /// <summary>Whether every row of the newest month is stored after every row of the others.</summary>
    private static bool NewestMonthLast(string statsDb, string table)
    {
        using var connection = DuckDbConnections.Open(statsDb, readOnly: true);
        return connection.Scalar<bool>(
            $"SELECT max(rowid) FILTER (WHERE month < (SELECT max(month) FROM {table})) < min(rowid) FILTER (WHERE month = (SELECT max(month) FROM {table})) FROM {table}");
    }

    [Fact]
    public void A_stats_db_that_cannot_be_built_on_is_built_from_scratch()
    {
        var pond = DerivedPond("damaged");
        File.WriteAllText(Path.Combine(pond.Root, PondLayout.StatsDb), "not a database");
        var log = new ListLogger();

        new Derivation(pond, new RunOptions(First), log).Run();

        var building = Assert.Single(log.Lines, l => l.StartsWith("Building stats.db", StringComparison.Ordinal));
        Assert.Contains("from scratch, as the one published cannot be built on", building);
        Assert.Contains("leg_stats months 2025-01 2025-02 2025-03 of 3", building);
        AssertSameTables(Path.Combine(pond.Root, PondLayout.StatsDb), Path.Combine(published.Root, PondLayout.StatsDb));
    }

    /// <summary>The published stats.db holds what a build from scratch of the pond as it is holds.</summary>
    private void AssertSameAsFromScratch(LocalPond pond, RunOptions? options = null)
    {
        var scratch = Path.Combine(_folder.Path, Path.GetFileName(pond.Root) + "-scratch.db");
        BuildFromScratch(pond, scratch, options ?? new RunOptions(First));
        AssertSameTables(Path.Combine(pond.Root, PondLayout.StatsDb), scratch);
    }

    /// <summary>
    /// The stats.db a build from scratch makes of the pond as it is: the published one moved aside, built again, both kept.
    /// It runs DuckDB on two threads whatever <see cref="DuckDbSettings.ThreadsVariable"/> says (./test.sh sets one), so
    /// the comparison also shows that the thread count changes no row.
    /// </summary>
    private static void BuildFromScratch(LocalPond pond, string copy, RunOptions options)
    {
        var published = Path.Combine(pond.Root, PondLayout.StatsDb);
        var incremental = published + ".incremental";
        File.Move(published, incremental);
        var log = new ListLogger();
        new Derivation(pond, options with { DuckDb = new DuckDbSettings(Threads: 2) }, log).Run();
        Assert.Contains(log.Lines, l => l.StartsWith("Building stats.db from scratch, as the pond has none", StringComparison.Ordinal));
        File.Move(published, copy);
        File.Move(incremental, published);
    }

    /// <summary>Every table of the schema holds the same rows in both files (as multisets: EXCEPT ALL both ways).</summary>
    private static void AssertSameTables(string built, string scratch)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        connection.Execute($"ATTACH '{built}' AS a (READ_ONLY)");
        connection.Execute($"ATTACH '{scratch}' AS b (READ_ONLY)");
        foreach (var table in StatsDbSchema.Tables)
        {
            var rows = connection.Scalar<long>($"SELECT count(*) FROM a.{table}");
            Assert.True(rows > 0 || table == "month_changes", $"{table} is empty");
            Assert.Equal(rows, connection.Scalar<long>($"SELECT count(*) FROM b.{table}"));
            var differ = connection.Scalar<long>($"SELECT count(*) FROM (FROM a.{table} EXCEPT ALL FROM b.{table})")
                + connection.Scalar<long>($"SELECT count(*) FROM (FROM b.{table} EXCEPT ALL FROM a.{table})");
            Assert.True(differ == 0, $"{table}: {differ} rows differ between the night's build and the full one");
        }
    }

    public void Dispose() => _folder.Dispose();

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
