using System.Text.Json;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Kollektivkart.Data.Sql;
using Kollektivkart.Data.Tests.Demo;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>The stats.db of <see cref="DerivedDemo"/> built again from a copy of its pond with row groups of 2,048 rows, so that small data has many of them.</summary>
public sealed class SmallRowGroupsFixture : IDisposable
{
    public const int RowGroupSize = 2048;

    private readonly TempFolder _folder = new();

    public SmallRowGroupsFixture()
    {
        var pond = DerivedDemo.CopyTo(_folder.Sub("pond"));
        Path = System.IO.Path.Combine(pond.Root, PondLayout.StatsDb);
        File.Delete(Path);
        new Derivation(pond, DerivedDemo.RunOptions with { StatsDbRowGroupSize = RowGroupSize }, NullLogger.Instance).Run();
    }

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// stats.db is laid out for the lookups the pages make (issue 22): its big tables are ordered within a month by the key a
/// page looks up by (an integer: DuckDB's zone maps of a string keep 8 bytes, "NSR:Stop"), so a stop's, line's or
/// stretch's rows come from one or two row groups, never the month's (a stretch's months: never every month's). Measured with DuckDB's profiler on the site's own
/// queries, which fail this test when a table loses its order or a query its key.
/// </summary>
public sealed class LookupLayoutTests(SmallRowGroupsFixture fixture) : IClassFixture<SmallRowGroupsFixture>
{
    private const int RowGroup = SmallRowGroupsFixture.RowGroupSize;
    private static readonly DateOnly February = new(2025, 2, 1);

    /// <summary>Each stop page query whose table is ordered by stop key within a month (and day type), with how many day types it reads.</summary>
    public static TheoryData<string, int> StopQueries => new()
    {
        { "Site/stop_delay.sql", 1 },
        { "Site/Punctuality/stop_hours.sql", 3 },
        { "Site/Punctuality/stop_lines.sql", 1 },
        { "Site/Punctuality/stop_lines_labelled.sql", 1 },
    };

    [Theory]
    [MemberData(nameof(StopQueries))]
    public void A_stop_page_query_reads_its_stop_from_one_or_two_row_groups_a_day_type(string script, int dayTypes)
    {
        using var connection = DuckDbConnections.Open(fixture.Path, readOnly: true);
        var stop = BusiestStop(connection);
        var (scanned, rows) = Profile(connection, script,
            ("stop_id", stop), ("stop_key", StatsKeys.Stop(stop)), ("month", February), ("day_type", DayType.Weekday.Name()), ("hour", 8));
        Assert.True(rows > 0, $"{script} found the stop");
        Assert.True(scanned <= dayTypes * 2 * RowGroup, $"{script} read {scanned} rows for one stop");
    }

    [Fact]
    public void A_stops_stretches_are_read_from_the_month_and_day_types_rows_only()
    {
        using var connection = DuckDbConnections.Open(fixture.Path, readOnly: true);
        var stop = BusiestStop(connection);
        var slice = connection.Scalar<long>("SELECT count(*) FROM leg_stat_rows WHERE month = $m AND day_type = 'weekday'", ("m", February));
        var total = connection.Scalar<long>("SELECT count(*) FROM leg_stat_rows");
        Assert.True(total > 3 * slice, $"the test needs months and day types: {total} rows, {slice} in the slice");
        var (scanned, rows) = Profile(connection, "Site/stop_stretches.sql",
            ("stop_id", stop), ("stop_key", StatsKeys.Stop(stop)), ("month", February), ("day_type", DayType.Weekday.Name()), ("hour", 8));
        Assert.True(rows > 0);
        // The departing side reads its stop's row group; the arriving side the slice's (ordered by from stop, not to).
        Assert.True(scanned <= RowGroup * 2 + RoundUp(slice) + RowGroup, $"read {scanned} rows of a slice of {slice}");
    }

    [Fact]
    public void A_lines_stops_are_read_from_one_or_two_row_groups_of_many()
    {
        using var connection = DuckDbConnections.Open(fixture.Path, readOnly: true);
        var (dataSource, lineRef) = LongestLine(connection);
        var total = connection.Scalar<long>("SELECT count(*) FROM punctuality_stop_line_direction WHERE month = $m", ("m", February));
        Assert.True(total > 8 * RowGroup, $"the test needs many row groups in a month: {total} rows");
        var lineRows = connection.Scalar<long>(
            "SELECT count(*) FROM punctuality_stop_line_direction WHERE month = $m AND day_type = 'weekday' AND line_ref = $l", ("m", February), ("l", lineRef));
        foreach (var hour in new int?[] { 8, null })
        {
            var (scanned, rows) = Profile(connection, "Site/Punctuality/line_stops.sql",
                ("data_source", dataSource), ("line_ref", lineRef), ("line_key", StatsKeys.Line(lineRef)),
                ("month", February), ("day_type", DayType.Weekday.Name()), ("hour", hour), ("and_whole_day", hour is not null));
            Assert.True(rows > 0);
            var names = PunctualityStopNamesRows(connection);
            // The line's rows lie together: the row groups they fill and one more where they start mid-group, and the row
            // groups where the month and day type begin and end (their key ranges span every key); and the names it joins.
            Assert.True(scanned <= RoundUp(lineRows) + 3 * RowGroup + names, $"read {scanned} rows of {total} for one line of {lineRows} at hour {hour} ({names} names)");
        }
    }

    [Fact]
    public void A_stretchs_months_lie_together_and_its_queries_look_them_up_by_key()
    {
        // stretch_months of the demo fits in one row group, so the profiler cannot show the reads: the order it is stored
        // in can. Built month by month, it would go back to the first stretch at each month.
        using var connection = DuckDbConnections.Open(fixture.Path, readOnly: true);
        var months = connection.Scalar<long>("SELECT count(DISTINCT month) FROM stretch_months");
        var backwards = connection.Scalar<string?>(
            """
            SELECT string_agg(format('{} {} after {} {} at row {}', from_key, to_key, previous_from, previous_to, rowid), '; ')
            FROM (
                SELECT rowid, from_key, to_key, lag(from_key) OVER (ORDER BY rowid) AS previous_from, lag(to_key) OVER (ORDER BY rowid) AS previous_to
                FROM stretch_months)
            WHERE previous_from IS NOT NULL AND (from_key, to_key) < (previous_from, previous_to)
            """);
        Assert.True(months >= 2, $"{months} months");
        Assert.True(backwards is null, $"rows go back to an earlier stretch: {backwards}");
        foreach (var script in new[] { "Site/stretch.sql", "Site/stretch_history.sql" })
        {
            Assert.Contains("from_key = $from_key AND to_key = $to_key", SqlScripts.Load(script), StringComparison.Ordinal);
        }
    }

    private static long RoundUp(long rows) => (rows + RowGroup - 1) / RowGroup * RowGroup;

    private static long PunctualityStopNamesRows(DuckDB.NET.Data.DuckDBConnection connection) =>
        connection.Scalar<long>("SELECT count(*) FROM punctuality_stop_names");

    private static string BusiestStop(DuckDB.NET.Data.DuckDBConnection connection) =>
        connection.Scalar<string>("SELECT stop_id FROM punctuality_stop_line WHERE month = $m GROUP BY stop_id ORDER BY count(*) DESC, stop_id LIMIT 1",
            ("m", February))!;

    private static (string DataSource, string LineRef) LongestLine(DuckDB.NET.Data.DuckDBConnection connection) =>
        Pair(connection, "SELECT data_source, line_ref FROM punctuality_stop_line_direction WHERE month = $m GROUP BY ALL ORDER BY count(*) DESC, data_source, line_ref LIMIT 1",
            ("m", February));

    private static (string, string) Pair(DuckDB.NET.Data.DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var reader = connection.Query(sql, parameters);
        Assert.True(reader.Read(), sql);
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>A site query run under DuckDB's profiler: the rows its scans read (whole row groups) and the rows it returned.</summary>
    private static (long Scanned, long Rows) Profile(DuckDB.NET.Data.DuckDBConnection connection, string script, params (string Name, object? Value)[] parameters)
    {
        var sql = SqlScripts.Load(script);
        var used = parameters.Where(p => sql.Contains("$" + p.Name, StringComparison.Ordinal)).ToArray();
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        try
        {
            connection.Execute("PRAGMA enable_profiling = 'json'");
            connection.Execute($"PRAGMA profiling_output = '{output}'");
            long rows = 0;
            using (var reader = connection.Query(sql, used))
            {
                while (reader.Read())
                {
                    rows++;
                }
            }
            connection.Execute("PRAGMA disable_profiling");
            using var profile = JsonDocument.Parse(File.ReadAllText(output));
            return (profile.RootElement.GetProperty("cumulative_rows_scanned").GetInt64(), rows);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
