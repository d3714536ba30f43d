using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// data-model.md section 4, leg_stats. Most cases are one-leg journeys from stop 1 to stop 2 (1 km);
/// local time is Europe/Oslo, which DuckDbConnections sets whatever the machine's zone.
/// </summary>
public sealed class LegStatsTests
{
    private static readonly DateOnly February = new(2025, 2, 1);

    /// <summary>
    /// One-leg journeys on the weekdays of <paramref name="month"/>, the i-th taking durations[i] seconds and
    /// departing 60 s late, spread over the days and minutes of the UTC hour <paramref name="utcHour"/>.
    /// </summary>
    private static IEnumerable<Call> WeekdayLegs(DateOnly month, int utcHour, IReadOnlyList<int> durations,
        string from = "NSR:Quay:1", string to = "NSR:Quay:2")
    {
        var days = Journeys.Weekdays(month);
        return durations.SelectMany((duration, i) =>
        {
            var day = days[i % days.Count];
            var departure = Journeys.Utc(day, new TimeSpan(utcHour, 5 * (i / days.Count), 0));
            return Journeys.OneLeg(day, $"J-{from}-{utcHour}-{i}", departure, from, to, duration, departureDelay: 60);
        });
    }

    private static int[] Repeat(int duration, int count) => Enumerable.Repeat(duration, count).ToArray();

    [Fact]
    public void Hourly_figures_are_over_the_hours_legs_and_monthly_figures_over_the_whole_weekday_month()
    {
        using var pond = new TestPond();
        // Hour 7 local: 60, 70, ..., 260 and one 900. Hour 15 local: 300, 310, ..., 510.
        var morning = Enumerable.Range(0, 21).Select(i => 60 + 10 * i).Append(900).ToArray();
        var afternoon = Enumerable.Range(0, 22).Select(i => 300 + 10 * i).ToArray();
        pond.StopsInALine(1, 2)
            .Add(WeekdayLegs(February, 6, morning))
            .Add(WeekdayLegs(February, 14, afternoon))
            // A Saturday in the same hour counts in neither figure.
            .Add(Journeys.OneLeg(new DateOnly(2025, 2, 8), "J-saturday", Journeys.Utc(new DateOnly(2025, 2, 8), new TimeSpan(6, 30, 0)),
                "NSR:Quay:1", "NSR:Quay:2", 3000))
            .Write();

        pond.Derive();

        var rows = pond.LegStats();
        Assert.Equal([7L, 15L], rows.Select(r => r.Long("hour")));
        var (hour7, hour15) = (rows[0], rows[1]);
        // 22 values: the 75th percentile that occurs is the 17th (220; interpolated it would be 217.5),
        // the median is between the 11th and 12th (165), the mean 4260 / 22 = 193.6.
        Assert.Equal(220, hour7.Long("hourly_quartile"));
        Assert.Equal(165, hour7.Long("hourly_duration"));
        Assert.Equal(194, hour7.Long("mean_hourly_duration"));
        Assert.Equal(22, hour7.Long("hourly_count"));
        // Each leg is planned 120 s and departs 60 s late: delay = duration - 60, deviation = duration - 120.
        Assert.Equal(105, hour7.Long("hourly_delay"));
        Assert.Equal(45, hour7.Long("hourly_deviation"));
        Assert.Equal((460L, 405L, 405L, 345L, 285L, 22L),
            (hour15.Long("hourly_quartile"), hour15.Long("hourly_duration"), hour15.Long("mean_hourly_duration"),
                hour15.Long("hourly_delay"), hour15.Long("hourly_deviation"), hour15.Long("hourly_count")));
        // The month, 44 legs: 75th percentile the 33rd value (410), median between the 22nd and 23rd
        // (300, 310), mean (4260 + 8910) / 44 = 299.3; the same on both hours' rows.
        Assert.All(rows, row =>
        {
            Assert.Equal(410, row.Long("monthly_quartile"));
            Assert.Equal(305, row.Long("monthly_duration"));
            Assert.Equal(299, row.Long("mean_monthly_duration"));
            Assert.Equal(245, row.Long("monthly_delay"));
            Assert.Equal(185, row.Long("monthly_deviation"));
            Assert.Equal(44, row.Long("monthly_count"));
        });
    }

    [Fact]
    public void A_row_carries_its_month_stops_and_positions()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(WeekdayLegs(February, 6, Repeat(120, 21))).Write();

        pond.Derive();

        var row = Assert.Single(pond.LegStats());
        Assert.Equal((February, "RUT", "NSR:StopPlace:1", "NSR:StopPlace:2", "Stop 1", "Stop 2"),
            (row.Date("month"), row.Text("dataSource"), row.Text("from_stop_id"), row.Text("to_stop_id"), row.Text("from_stop"), row.Text("to_stop")));
        Assert.Equal((Geo.OsloLat, Geo.OsloLon, Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon),
            (row.Double("from_lat"), row.Double("from_lon"), row.Double("to_lat"), row.Double("to_lon")));
        Assert.InRange(row.Long("air_distance_meters"), 995, 1005);
    }

    [Fact]
    public void A_leg_counts_in_the_month_of_its_operating_date_even_when_it_runs_after_midnight()
    {
        using var pond = new TestPond();
        // Operating day Wednesday 31 January 2024; the legs start on Thursday 1 February, 00:10-00:50 UTC.
        var day = new DateOnly(2024, 1, 31);
        pond.StopsInALine(1, 2);
        for (var i = 0; i < 21; i++)
        {
            pond.Add(Journeys.OneLeg(day, $"J-{i}", Journeys.Utc(day, new TimeSpan(24, 10 + 2 * i, 0)), "NSR:Quay:1", "NSR:Quay:2", 120));
        }
        pond.Write();

        pond.Derive();

        var row = Assert.Single(pond.LegStats());
        Assert.Equal((new DateOnly(2024, 1, 1), 1L, 21L), (row.Date("month"), row.Long("hour"), row.Long("hourly_count")));
    }

    [Fact]
    public void A_leg_on_Friday_23_30_UTC_is_on_a_Saturday_in_Oslo_and_does_not_count()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(TwentyLegsAfterLocalMidnight()).Add(LegAt(new DateOnly(2025, 2, 7))).Write();

        pond.Derive();

        Assert.Empty(pond.LegStats());
    }

    [Fact]
    public void A_leg_on_Sunday_23_30_UTC_is_on_a_Monday_in_Oslo_and_counts()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(TwentyLegsAfterLocalMidnight()).Add(LegAt(new DateOnly(2025, 2, 9))).Write();

        pond.Derive();

        var row = Assert.Single(pond.LegStats());
        Assert.Equal((0L, 21L), (row.Long("hour"), row.Long("hourly_count")));
    }

    /// <summary>Monday to Thursday 3-6 February 2025, five legs each between 23:05 and 23:45 UTC: Tuesday to Friday 00:05-00:45 in Oslo.</summary>
    private static IEnumerable<Call> TwentyLegsAfterLocalMidnight() =>
        Enumerable.Range(3, 4).SelectMany(d => Enumerable.Range(0, 5).SelectMany(i =>
        {
            var day = new DateOnly(2025, 2, d);
            return Journeys.OneLeg(day, $"J-{i}", Journeys.Utc(day, new TimeSpan(23, 5 + 10 * i, 0)), "NSR:Quay:1", "NSR:Quay:2", 120);
        }));

    private static IReadOnlyList<Call> LegAt(DateOnly day) =>
        Journeys.OneLeg(day, "J-late", Journeys.Utc(day, new TimeSpan(23, 30, 0)), "NSR:Quay:1", "NSR:Quay:2", 120);

    [Fact]
    public void Local_time_is_Europe_Oslo_whatever_the_machine_zone()
    {
        using var connection = DuckDbConnections.OpenInMemory();

        Assert.Equal("Europe/Oslo", connection.Scalar<string>("SELECT current_setting('TimeZone')"));
    }

    [Fact]
    public void The_hour_is_local_across_the_start_of_summer_time()
    {
        using var pond = new TestPond();
        var month = new DateOnly(2025, 3, 1);
        // 06:30 UTC is 07:30 in Oslo in the week before 30 March 2025 and 08:30 on Monday 31 March.
        pond.StopsInALine(1, 2)
            .Add(LegsAt0630Utc(new DateOnly(2025, 3, 24), 5))
            .Add(LegsAt0630Utc(new DateOnly(2025, 3, 31), 1))
            .Write();

        pond.Derive();

        Assert.Equal([(month, 7L, 21L), (month, 8L, 21L)],
            pond.LegStats().Select(r => (r.Date("month"), r.Long("hour"), r.Long("hourly_count"))));
    }

    [Fact]
    public void The_hour_is_local_across_the_end_of_summer_time()
    {
        using var pond = new TestPond();
        var month = new DateOnly(2025, 10, 1);
        // 06:30 UTC is 08:30 in Oslo in the week of 20 October 2025 and 07:30 in the week after 26 October.
        pond.StopsInALine(1, 2)
            .Add(LegsAt0630Utc(new DateOnly(2025, 10, 20), 5))
            .Add(LegsAt0630Utc(new DateOnly(2025, 10, 27), 5))
            .Write();

        pond.Derive();

        Assert.Equal([(month, 7L, 21L), (month, 8L, 21L)],
            pond.LegStats().Select(r => (r.Date("month"), r.Long("hour"), r.Long("hourly_count"))));
    }

    /// <summary>21 legs leaving around 06:30 UTC (06:10-06:50), spread over <paramref name="days"/> days from <paramref name="first"/>.</summary>
    private static IEnumerable<Call> LegsAt0630Utc(DateOnly first, int days) =>
        Enumerable.Range(0, 21).SelectMany(i =>
        {
            var day = first.AddDays(i % days);
            return Journeys.OneLeg(day, $"J-{i}", Journeys.Utc(day, new TimeSpan(6, 10 + 2 * i, 0)), "NSR:Quay:1", "NSR:Quay:2", 120);
        });

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void A_row_needs_more_than_20_legs_in_the_hour(int legs, bool row)
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(WeekdayLegs(February, 6, Repeat(120, legs))).Write();

        pond.Derive();

        Assert.Equal(row, pond.LegStats().Count == 1);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void A_row_needs_a_stretch_longer_than_50_m(int meters, bool row)
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2, spacingMeters: meters).Add(WeekdayLegs(February, 6, Repeat(30, 21))).Write();

        pond.Derive();

        Assert.Equal(row, pond.LegStats().Count == 1);
        Assert.All(pond.Legs(), l => Assert.Equal(meters, l.Long("air_distance_meters")));
    }

    [Fact]
    public void Stops_of_the_same_name_in_different_towns_stay_separate_rows()
    {
        using var pond = new TestPond();
        // Sentrum -> Torget in Oslo and in Bergen.
        pond.Stop(1, "Sentrum", Geo.OsloLat, Geo.OsloLon)
            .Stop(2, "Torget", Geo.NorthOf(Geo.OsloLat, 1000), Geo.OsloLon)
            .Stop(3, "Sentrum", 60.3913, 5.3221)
            .Stop(4, "Torget", Geo.NorthOf(60.3913, 1000), 5.3221)
            .Add(WeekdayLegs(February, 6, Repeat(100, 21), "NSR:Quay:1", "NSR:Quay:2"))
            .Add(WeekdayLegs(February, 6, Repeat(200, 21), "NSR:Quay:3", "NSR:Quay:4"))
            .Write();

        pond.Derive();

        Assert.Equal(
            [("NSR:StopPlace:1", "Sentrum", "Torget", 21L, 100L), ("NSR:StopPlace:3", "Sentrum", "Torget", 21L, 200L)],
            pond.LegStats().Select(r => (r.Text("from_stop_id"), r.Text("from_stop"), r.Text("to_stop"), r.Long("hourly_count"), r.Long("hourly_duration"))));
    }
}
