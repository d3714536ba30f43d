using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Tests.Support;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// The tables the stop and line pages read: stops and line_direction in stats.db, line_stretch in the
/// pond and stats.db, and the schema version that has a stats.db of an older build rebuilt.
/// </summary>
public sealed class SiteTableTests
{
    private static readonly DateOnly January = new(2025, 1, 1);
    private static readonly DateOnly February = new(2025, 2, 1);
    private static readonly DateOnly March = new(2025, 3, 1);
    private static readonly DateOnly Saturday = new(2025, 2, 1);

    [Fact]
    public void Stops_hold_each_stop_with_statistics_once_with_its_newest_name_and_position_and_its_operators()
    {
        using var pond = new TestPond();
        var movedLat = Geo.NorthOf(Geo.OsloLat, 100);
        // Stop 1 is "Aker" in January, "Tåsen" in February and "Storo", 100 m further north, from March:
        // the newest name is neither the first nor the last in order.
        pond.StopPlace("NSR:StopPlace:1", "Aker", Geo.OsloLat, Geo.OsloLon).Quay("NSR:Quay:1", "NSR:StopPlace:1")
            .Stop(2, "Nydalen", Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
            .Stop(3, "Grefsen", Geo.NorthOf(Geo.OsloLat, 2000), Geo.OsloLon)
            .Add(Journeys.OnWeekdays(January, 15, 21, [("NSR:Quay:1", 0), ("NSR:Quay:2", 0)], "RUT:Line:31"))
            .Write();
        pond.Derive();
        pond.StopPlace("NSR:StopPlace:1", "Tåsen", Geo.OsloLat, Geo.OsloLon, version: 2)
            .Add(Journeys.OnWeekdays(February, 15, 21, [("NSR:Quay:1", 0), ("NSR:Quay:2", 0)], "RUT:Line:31"))
            .Write();
        pond.Derive();
        pond.StopPlace("NSR:StopPlace:1", "Storo", movedLat, Geo.OsloLon, version: 3)
            // BNR comes after RUT in time and before it in the list; stop 3 has legs but no statistics.
            .Add(Journeys.OnWeekdays(March, 15, 21, [("NSR:Quay:2", 0), ("NSR:Quay:1", 0)], "BNR:Line:L2", "BNR", "Bane NOR"))
            .Add(new JourneyBuilder(Saturday, "RUT-saturday", Journeys.Local(Saturday, TimeSpan.FromHours(12)))
                .At("NSR:Quay:2", 0).At("NSR:Quay:3", 2).Calls())
            .Write();
        pond.Derive();

        var stops = pond.StatsDb("SELECT stop_id, name, lat, lon, array_to_string(data_sources, ',') AS operators FROM stops ORDER BY stop_id")
            .Select(r => (r.Text("stop_id"), r.Text("name"), r.Double("lat"), r.Text("operators")));
        Assert.Equal(
            [
                ("NSR:StopPlace:1", "Storo", movedLat, "BNR,RUT"),
                ("NSR:StopPlace:2", "Nydalen", Geo.NorthOf(Geo.OsloLat, 1000), "BNR,RUT"),
            ],
            stops);
    }

    /// <summary>
    /// Line 1 runs stops 1-4 northwards (Outbound) and back (Inbound). Outbound journey C's calls are
    /// numbered from 2 and journey D starts at stop 2 with number 8, so the stretches' sequence numbers
    /// are 1→2: {1, 1, 2}, 2→3: {2, 2, 3, 8}, 3→4: {3, 3, 4, 9}.
    /// </summary>
    private static TestPond LineOneBothWays()
    {
        var pond = new TestPond();
        var day = new DateOnly(2025, 2, 4);
        IEnumerable<Call> Journey(string id, int hour, string direction, int firstSequenceNr, params int[] stops)
        {
            var journey = new JourneyBuilder(day, id, Journeys.Local(day, TimeSpan.FromHours(hour))) { DirectionRef = direction };
            for (var n = 0; n < stops.Length; n++)
            {
                journey.At($"NSR:Quay:{stops[n]}", 2 * n);
            }
            return journey.Calls().Select(c => c with { SequenceNr = c.SequenceNr + firstSequenceNr - 1 });
        }
        pond.StopsInALine(1, 4)
            .Add(Journey("A", 7, "Outbound", 1, 1, 2, 3, 4))
            .Add(Journey("B", 8, "Outbound", 1, 1, 2, 3, 4))
            .Add(Journey("C", 9, "Outbound", 2, 1, 2, 3, 4))
            .Add(Journey("D", 10, "Outbound", 8, 2, 3, 4))
            .Add(Journey("E", 7, "Inbound", 1, 4, 3, 2, 1))
            .Add(Journey("F", 8, "Inbound", 1, 4, 3, 2, 1))
            .Write();
        pond.Derive();
        return pond;
    }

    [Fact]
    public void Line_stretch_puts_each_directions_stretches_at_the_median_sequence_number_of_their_legs()
    {
        using var pond = LineOneBothWays();

        var rows = pond.Query("FROM read_parquet(getvariable('root') || '/line_stretch.parquet') ORDER BY direction, position")
            .Select(r => (r.Text("direction"), r.Text("from_stop"), r.Text("to_stop"), r.Double("position"), r.Long("legs")));

        Assert.Equal(
            [
                ("Inbound", "Stop 4", "Stop 3", 1.0, 2L),
                ("Inbound", "Stop 3", "Stop 2", 2.0, 2L),
                ("Inbound", "Stop 2", "Stop 1", 3.0, 2L),
                ("Outbound", "Stop 1", "Stop 2", 1.0, 3L),
                ("Outbound", "Stop 2", "Stop 3", 2.5, 4L),
                ("Outbound", "Stop 3", "Stop 4", 3.5, 4L),
            ],
            rows);
        Assert.Equal(6L, Assert.Single(pond.StatsDb("SELECT count(*) AS n FROM line_stretch")).Long("n"));
    }

    [Fact]
    public void Line_direction_runs_from_the_first_stretchs_from_stop_to_the_last_stretchs_to_stop()
    {
        using var pond = LineOneBothWays();

        var rows = pond.StatsDb("FROM line_direction ORDER BY direction")
            .Select(r => (r.Text("label"), r.Long("line_number"), r.Text("direction"), r.Text("origin_stop_id"), r.Text("origin"),
                r.Text("destination_stop_id"), r.Text("destination")));

        Assert.Equal(
            [
                ("1", 1L, "Inbound", "NSR:StopPlace:4", "Stop 4", "NSR:StopPlace:1", "Stop 1"),
                ("1", 1L, "Outbound", "NSR:StopPlace:1", "Stop 1", "NSR:StopPlace:4", "Stop 4"),
            ],
            rows);
    }

    [Fact]
    public void A_stats_db_of_the_current_schema_and_days_is_left_alone()
    {
        using var pond = LineOneBothWays();

        Assert.Equal(StatsDbSchema.Version, Assert.Single(pond.StatsDb("FROM schema_version")).Long("version"));
        Assert.True(pond.Derive().WroteNothing);
    }

    [Theory]
    [InlineData("DROP TABLE schema_version; DROP TABLE stops; DROP TABLE line_stretch; DROP TABLE line_direction")]
    [InlineData("UPDATE schema_version SET version = version - 1")]
    public void A_stats_db_an_older_build_wrote_is_republished_by_the_next_run(string older)
    {
        using var pond = LineOneBothWays();
        using (var connection = DuckDbConnections.Open(Path.Combine(pond.Root, "stats.db")))
        {
            connection.Execute(older);
        }

        var report = pond.Derive();

        Assert.Equal(1, report.Steps.Single(s => s.Step == "stats.db").Partitions);
        Assert.Equal(0, report.Steps.Single(s => s.Step == "legs").Partitions);
        Assert.Equal(StatsDbSchema.Version, Assert.Single(pond.StatsDb("FROM schema_version")).Long("version"));
        Assert.Equal(6L, Assert.Single(pond.StatsDb("SELECT count(*) AS n FROM line_stretch")).Long("n"));
        Assert.True(pond.Derive().WroteNothing);
    }

    [Fact]
    public void A_pond_without_line_stretch_has_it_written_by_the_next_run()
    {
        using var pond = LineOneBothWays();
        File.Delete(Path.Combine(pond.Root, "line_stretch.parquet"));

        Assert.False(pond.Derive().WroteNothing);

        Assert.True(File.Exists(Path.Combine(pond.Root, "line_stretch.parquet")));
    }
}
