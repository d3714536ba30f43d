using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Transforms;

/// <summary>
/// data-model.md section 6: leg_stats per day type, by the local date of each leg's start. Each case puts 21 one-leg
/// journeys (1 km, Stop 1 to Stop 2) on chosen dates, leaving in the Oslo hour 12, so each day type that gets them
/// has one row.
/// </summary>
public sealed class DayTypeTests
{
    /// <summary>21 legs of <paramref name="seconds"/> spread over <paramref name="days"/>, leaving 12:00-12:40 Oslo time.</summary>
    private static IEnumerable<Call> LegsOn(IReadOnlyList<DateOnly> days, int seconds, int count = 21, int localHour = 12) =>
        Enumerable.Range(0, count).SelectMany(i =>
        {
            var day = days[i % days.Count];
            var departure = Journeys.Local(day, new TimeSpan(localHour, 2 * (i / days.Count), 0));
            return Journeys.OneLeg(day, $"J-{day:MMdd}-{localHour}-{i}", departure, "NSR:Quay:1", "NSR:Quay:2", seconds);
        });

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    private static List<(string? DayType, long Count, long Duration)> Rows(TestPond pond) =>
        pond.LegStats().Select(r => (r.Text("day_type"), r.Long("hourly_count"), r.Long("hourly_duration"))).ToList();

    [Fact]
    public void Weekdays_Saturdays_and_Sundays_each_have_their_own_row_and_monthly_figures()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2)
            .Add(LegsOn([Day(2025, 2, 3), Day(2025, 2, 4)], 100))
            .Add(LegsOn([Day(2025, 2, 8), Day(2025, 2, 15)], 200))
            .Add(LegsOn([Day(2025, 2, 9), Day(2025, 2, 16)], 300))
            // Another hour on Saturdays only: in the Saturdays' whole-day figures, in no other day type's.
            .Add(LegsOn([Day(2025, 2, 22)], 600, count: 21, localHour: 18))
            .Write();

        pond.Derive();

        var rows = pond.LegStats();
        Assert.Equal(
            [("saturday", 12L, 200L), ("saturday", 18L, 600L), ("sunday", 12L, 300L), ("weekday", 12L, 100L)],
            rows.Select(r => (r.Text("day_type"), r.Long("hour"), r.Long("hourly_duration"))));
        Assert.Equal(
            [(400L, 600L, 42L), (400L, 600L, 42L), (300L, 300L, 21L), (100L, 100L, 21L)],
            rows.Select(r => (r.Long("monthly_duration"), r.Long("monthly_quartile"), r.Long("monthly_count"))));
    }

    [Fact]
    public void Easter_holidays_count_as_Sundays_and_Easter_Saturday_as_a_Saturday()
    {
        using var pond = new TestPond();
        // Maundy Thursday, Good Friday and Easter Monday 2025 are weekdays by the calendar; Easter Saturday is not a holiday.
        pond.StopsInALine(1, 2)
            .Add(LegsOn([Day(2025, 4, 17), Day(2025, 4, 18), Day(2025, 4, 21)], 300))
            .Add(LegsOn([Day(2025, 4, 19)], 200))
            .Add(LegsOn([Day(2025, 4, 22)], 100))
            .Write();

        pond.Derive();

        Assert.Equal([("saturday", 21L, 200L), ("sunday", 21L, 300L), ("weekday", 21L, 100L)], Rows(pond));
    }

    [Fact]
    public void May_holidays_count_as_Sundays_whatever_day_they_fall_on()
    {
        using var pond = new TestPond();
        // 2025: 1 May a Thursday, 17 May a Saturday, Ascension Day 29 May a Thursday; Whitsun is in June.
        pond.StopsInALine(1, 2)
            .Add(LegsOn([Day(2025, 5, 1), Day(2025, 5, 17), Day(2025, 5, 29)], 300))
            .Add(LegsOn([Day(2025, 5, 24)], 200))
            .Add(LegsOn([Day(2025, 5, 2), Day(2025, 5, 16), Day(2025, 5, 30)], 100))
            .Write();

        pond.Derive();

        Assert.Equal([("saturday", 21L, 200L), ("sunday", 21L, 300L), ("weekday", 21L, 100L)], Rows(pond));
    }

    [Fact]
    public void Whit_Monday_is_a_Sunday_and_Christmas_Eve_a_weekday()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2)
            .Add(LegsOn([Day(2025, 6, 9)], 300))
            .Add(LegsOn([Day(2025, 12, 24), Day(2025, 12, 31)], 100))
            .Add(LegsOn([Day(2025, 12, 25), Day(2025, 12, 26)], 400))
            .Write();

        pond.Derive();

        Assert.Equal(
            [(new DateOnly(2025, 6, 1), "sunday", 300L), (new DateOnly(2025, 12, 1), "sunday", 400L), (new DateOnly(2025, 12, 1), "weekday", 100L)],
            pond.LegStats().Select(r => (r.Date("month"), r.Text("day_type"), r.Long("hourly_duration"))));
    }

    [Fact]
    public void A_night_journey_of_a_weekday_that_runs_into_a_holiday_counts_as_a_Sunday()
    {
        using var pond = new TestPond();
        // Operating day Wednesday 30 April 2025; the legs leave at 00:10-00:50 on Thursday 1 May, a holiday.
        var day = Day(2025, 4, 30);
        pond.StopsInALine(1, 2);
        for (var i = 0; i < 21; i++)
        {
            pond.Add(Journeys.OneLeg(day, $"J-{i}", Journeys.Local(day, new TimeSpan(24, 10 + 2 * i, 0)), "NSR:Quay:1", "NSR:Quay:2", 120));
        }
        pond.Write();

        pond.Derive();

        // It belongs to its operating date's month, April, and to the day type of the date it ran on.
        var row = Assert.Single(pond.LegStats());
        Assert.Equal((new DateOnly(2025, 4, 1), "sunday", 0L), (row.Date("month"), row.Text("day_type"), row.Long("hour")));
    }

    [Fact]
    public void More_than_20_legs_are_needed_per_day_type()
    {
        using var pond = new TestPond();
        // 20 weekday and 20 Saturday legs: 40 in the hour, but no day type has more than 20.
        pond.StopsInALine(1, 2)
            .Add(LegsOn([Day(2025, 2, 3)], 100, count: 20))
            .Add(LegsOn([Day(2025, 2, 8)], 200, count: 20))
            .Add(LegsOn([Day(2025, 2, 9)], 300, count: 21))
            .Write();

        pond.Derive();

        Assert.Equal([("sunday", 21L, 300L)], Rows(pond));
    }

    [Fact]
    public void A_month_computed_before_day_types_is_computed_again()
    {
        using var pond = new TestPond();
        pond.StopsInALine(1, 2).Add(LegsOn([Day(2025, 2, 3)], 100)).Write();
        pond.Derive();
        // What an older build left: the month's source days without the format line.
        var sourceDays = Path.Combine(pond.Root, "leg_stats.parquet", "month=2025-02-01", Kollektivkart.Data.Pond.PondLayout.SourceDaysFile);
        File.WriteAllLines(sourceDays, File.ReadAllLines(sourceDays).Skip(1));

        var report = pond.Derive();

        Assert.Equal(1, report.Steps.Single(s => s.Step == "leg_stats").Partitions);
        Assert.Equal(Kollektivkart.Data.Transforms.DerivationPlan.LegStatsFormat, File.ReadLines(sourceDays).First());
    }
}
