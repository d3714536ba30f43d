using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>data-model.md section 4, the small tables (datasources, datasource_line, stop_line) and stats.db.</summary>
public sealed class LookupTableTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Journeys.Utc(day, new TimeSpan(hour, minute, 0));

    private static IReadOnlyList<Call> Journey(DateOnly day, string id, int hour, string lineRef, string dataSource, params string[] stops)
    {
        var journey = new JourneyBuilder(day, id, At(day, hour)) { LineRef = lineRef, DataSource = dataSource };
        for (var i = 0; i < stops.Length; i++)
        {
            journey.At(stops[i], 2 * i);
        }
        return journey.Calls();
    }

    private static IEnumerable<Call> Cancelled(IEnumerable<Call> calls) => calls.Select(c => c with { JourneyCancellation = true });

    private static IEnumerable<Call> Named(IEnumerable<Call> calls, string dataSourceName) =>
        calls.Select(c => c with { DataSourceName = dataSourceName });

    private static List<(string?, string?)> Pairs(TestPond pond, string file, string first, string second) =>
        pond.Query("FROM read_parquet(getvariable('root') || '/' || $file) ORDER BY ALL", ("file", file))
            .Select(r => (r.Text(first), r.Text(second))).ToList();

    [Fact]
    public void Datasources_carry_the_name_of_each_operators_latest_operating_day()
    {
        using var pond = new TestPond();
        // Latest is neither the first nor the last in name order, nor the first written.
        pond.StopsInALine(1, 2)
            .Add(Named(Journey(Monday.AddDays(2), "J1", 7, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2"), "Ruter"))
            .Add(Named(Journey(Monday, "J1", 7, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2"), "Oslo Sporveier"))
            .Add(Named(Journey(Monday.AddDays(1), "J1", 7, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2"), "Ruter AS"))
            .Add(Named(Journey(Monday, "J2", 7, "SKY:Line:5", "SKY", "NSR:Quay:1", "NSR:Quay:2"), "Skyss"))
            .Write();

        pond.Derive();

        Assert.Equal([("RUT", "Ruter"), ("SKY", "Skyss")], Pairs(pond, "datasources.parquet", "dataSource", "dataSourceName"));
    }

    [Fact]
    public void Datasource_line_lists_each_operators_lines_that_have_legs_once()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(Journey(Monday, "J1", 7, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2", "NSR:Quay:3"))
            .Add(Journey(Monday, "J2", 8, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2", "NSR:Quay:3"))
            .Add(Cancelled(Journey(Monday, "J3", 7, "RUT:Line:2", "RUT", "NSR:Quay:1", "NSR:Quay:2")))
            .Add(Journey(Monday, "J4", 7, "SKY:Line:5", "SKY", "NSR:Quay:2", "NSR:Quay:3"))
            .Write();

        pond.Derive();

        Assert.Equal([("RUT", "RUT:Line:1"), ("SKY", "SKY:Line:5")], Pairs(pond, "datasource_line.parquet", "dataSource", "lineRef"));
    }

    [Fact]
    public void Stop_line_lists_each_stretch_once_per_line_that_runs_it()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 3)
            .Add(Journey(Monday, "J1", 7, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2", "NSR:Quay:3"))
            .Add(Journey(Monday, "J2", 8, "RUT:Line:1", "RUT", "NSR:Quay:1", "NSR:Quay:2", "NSR:Quay:3"))
            .Add(Journey(Monday, "J3", 7, "RUT:Line:3", "RUT", "NSR:Quay:2", "NSR:Quay:3"))
            .Add(Cancelled(Journey(Monday, "J4", 7, "RUT:Line:4", "RUT", "NSR:Quay:1", "NSR:Quay:2")))
            .Write();

        pond.Derive();

        var rows = pond.Query("FROM read_parquet(getvariable('root') || '/stop_line.parquet') ORDER BY ALL")
            .Select(r => (r.Text("lineRef"), r.Text("dataSource"), r.Text("from_stop_id"), r.Text("to_stop_id")));
        Assert.Equal(
            [
                ("RUT:Line:1", "RUT", "NSR:StopPlace:1", "NSR:StopPlace:2"),
                ("RUT:Line:1", "RUT", "NSR:StopPlace:2", "NSR:StopPlace:3"),
                ("RUT:Line:3", "RUT", "NSR:StopPlace:2", "NSR:StopPlace:3"),
            ],
            rows);
    }

    [Fact]
    public void Stats_db_holds_the_tables_the_site_reads()
    {
        using var pond = new TestPond();
        var february = new DateOnly(2025, 2, 1);
        var weekdays = Journeys.Weekdays(february);
        pond.StopsInALine(1, 3);
        // RUT: 21 one-leg journeys at 07:xx local in February, enough for a leg_stats row.
        for (var i = 0; i < 21; i++)
        {
            var day = weekdays[i % weekdays.Count];
            pond.Add(Journeys.OneLeg(day, $"J-{i}", At(day, 6, 5 * (i / weekdays.Count)), "NSR:Quay:1", "NSR:Quay:2", 120));
        }
        // SKY: one journey on Monday 3 March, legs but no leg_stats row; a cancelled RUT journey the same day.
        pond.Add(Named(Journey(Monday, "S1", 7, "SKY:Line:5", "SKY", "NSR:Quay:1", "NSR:Quay:2", "NSR:Quay:3"), "Skyss"))
            .Add(Cancelled(Journey(Monday, "C1", 8, "RUT:Line:2", "RUT", "NSR:Quay:1", "NSR:Quay:2")))
            .Write();

        pond.Derive();

        var stats = Assert.Single(pond.StatsDb("FROM leg_stat_rows"));
        Assert.Equal((february, "RUT", 7L, 21L), (stats.Date("month"), stats.Text("data_source"), stats.Long("hour"), stats.Long("hourly_count")));
        Assert.Equal([("RUT", "Ruter")],
            pond.StatsDb("FROM datasources ORDER BY ALL").Select(r => (r.Text("dataSource"), r.Text("dataSourceName"))));
        Assert.Equal([("RUT", "RUT:Line:1"), ("SKY", "SKY:Line:5")],
            pond.StatsDb("FROM datasource_line ORDER BY ALL").Select(r => (r.Text("dataSource"), r.Text("lineRef"))));
        Assert.Equal(
            [
                ("RUT:Line:1", "RUT", "NSR:StopPlace:1", "NSR:StopPlace:2"),
                ("SKY:Line:5", "SKY", "NSR:StopPlace:1", "NSR:StopPlace:2"),
                ("SKY:Line:5", "SKY", "NSR:StopPlace:2", "NSR:StopPlace:3"),
            ],
            pond.StatsDb("FROM stop_line ORDER BY ALL")
                .Select(r => (r.Text("lineRef"), r.Text("dataSource"), r.Text("from_stop_id"), r.Text("to_stop_id"))));
        // Arrivals are the raw calls, cancelled ones included: 21 x 2 + 3 + 2; legs 21 + 2.
        var arrivals = Assert.Single(pond.StatsDb("FROM arrivals_stats"));
        Assert.Equal((weekdays[0], Monday, 47L, 23L),
            (arrivals.Date("min_date"), arrivals.Date("max_date"), arrivals.Long("total_arrivals"), arrivals.Long("total_legs")));
    }
}
