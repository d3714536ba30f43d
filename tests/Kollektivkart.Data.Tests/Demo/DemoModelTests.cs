using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Demo;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>The pieces of the demo model whose rules are easier to see on their own than in a generated pond.</summary>
public sealed class DemoModelTests
{
    [Theory]
    [InlineData("2024-03-01", 8 * 3600, "2024-03-01T07:00:00Z")]
    [InlineData("2024-03-01", 24 * 3600 + 1800, "2024-03-01T23:30:00Z")]
    [InlineData("2024-06-03", 8 * 3600, "2024-06-03T06:00:00Z")]
    [InlineData("2024-03-31", 1 * 3600, "2024-03-31T00:00:00Z")]
    [InlineData("2024-03-31", 2 * 3600 + 1800, "2024-03-31T01:30:00Z")]
    [InlineData("2024-03-31", 5 * 3600, "2024-03-31T03:00:00Z")]
    [InlineData("2024-10-27", 2 * 3600 + 1800, "2024-10-27T00:30:00Z")]
    [InlineData("2024-10-27", 5 * 3600, "2024-10-27T04:00:00Z")]
    public void Timetable_times_are_Oslo_local_time_across_daylight_saving_changes(string day, int localSeconds, string utc)
    {
        var clock = new LocalClock(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), clock.ToUtc(localSeconds));
    }

    [Fact]
    public void Hot_spots_are_fixed_within_a_month_and_change_between_months()
    {
        var network = NetworkBuilder.Build(seed: 1, scale: 0.05);

        var march = HotSpots.ForMonth(network, 1, 2024, 3).PeakExtraSeconds;
        var april = HotSpots.ForMonth(network, 1, 2024, 4).PeakExtraSeconds;

        Assert.Equal(march, HotSpots.ForMonth(network, 1, 2024, 3).PeakExtraSeconds);
        var hotInMarch = Hot(march);
        var hotInApril = Hot(april);
        Assert.True(hotInMarch.Count > network.Stretches.Count / 50, $"{hotInMarch.Count} of {network.Stretches.Count} stretches hot");
        Assert.NotEqual(hotInMarch, hotInApril);
        Assert.True(hotInMarch.Intersect(hotInApril).Count() > hotInMarch.Count / 4, "no bottleneck lasts from one month to the next");
        Assert.Contains(hotInMarch.Intersect(hotInApril), s => Math.Abs(march[s] - april[s]) > 10);
    }

    [Fact]
    public void Rush_is_on_weekday_mornings_and_afternoons()
    {
        Assert.Equal(1, HotSpots.RushProfile(DayType.Weekday, 8 * 3600));
        Assert.Equal(1, HotSpots.RushProfile(DayType.Weekday, 16 * 3600));
        Assert.Equal(0, HotSpots.RushProfile(DayType.Weekday, 12 * 3600));
        Assert.Equal(0, HotSpots.RushProfile(DayType.Weekday, 23 * 3600));
        Assert.Equal(0, HotSpots.RushProfile(DayType.Sunday, 8 * 3600));
        Assert.True(HotSpots.RushProfile(DayType.Saturday, 8 * 3600) < 0.1);
    }

    [Fact]
    public void Weekends_have_their_own_busy_hours_and_hot_spots()
    {
        Assert.Equal(0.8, HotSpots.RushProfile(DayType.Saturday, 13 * 3600));
        Assert.Equal(0.6, HotSpots.RushProfile(DayType.Sunday, 16 * 3600));
        Assert.Equal(0, HotSpots.RushProfile(DayType.Sunday, 12 * 3600));
        var network = NetworkBuilder.Build(1, 0.05);
        var hotSpots = HotSpots.ForMonth(network, 1, 2025, 3);
        var weekday = Enumerable.Range(0, network.Stretches.Count).Where(i => hotSpots.PeakExtraSeconds[i] > 40).ToHashSet();
        var weekend = Enumerable.Range(0, network.Stretches.Count).Where(i => hotSpots.WeekendExtraSeconds[i] > 0).ToHashSet();
        Assert.NotEmpty(weekend);
        Assert.NotEqual(weekday, weekend);
        Assert.Same(hotSpots.WeekendExtraSeconds, hotSpots.ExtraSeconds(DayType.Sunday));
    }

    [Theory]
    [InlineData("2025-05-17", DayType.Sunday)] // Constitution Day, a Saturday
    [InlineData("2025-05-29", DayType.Sunday)] // Ascension Day, a Thursday
    [InlineData("2025-05-30", DayType.Weekday)]
    public void The_demo_runs_a_Sunday_timetable_on_holidays(string date, DayType expected) =>
        Assert.Equal(expected, Timetable.DayTypeOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Timetables_are_denser_in_rush_hours_and_on_weekdays()
    {
        var weekday = Timetable.Departures(ServiceLevel.Trunk, DayType.Weekday, 0);
        var rush = weekday.Count(d => d is >= 7 * 3600 and < 9 * 3600);
        var midday = weekday.Count(d => d is >= 11 * 3600 and < 13 * 3600);

        Assert.True(rush > midday, $"{rush} departures 07-09, {midday} 11-13");
        Assert.InRange(weekday[0], 5 * 3600, 5 * 3600 + 900);
        Assert.True(weekday[^1] >= 24 * 3600, "the last departure is before midnight");
        Assert.All(weekday, d => Assert.Equal(0, d % 60));
        foreach (var level in new[] { ServiceLevel.Trunk, ServiceLevel.Major, ServiceLevel.Minor, ServiceLevel.Rural })
        {
            Assert.True(Timetable.CountDepartures(level, DayType.Weekday) > Timetable.CountDepartures(level, DayType.Saturday));
            Assert.True(Timetable.CountDepartures(level, DayType.Saturday) >= Timetable.CountDepartures(level, DayType.Sunday));
        }
        Assert.All(Timetable.Departures(ServiceLevel.Night, DayType.Weekday, 0), d => Assert.InRange(d, 0, 5 * 3600));
    }

    private static HashSet<int> Hot(double[] peakExtraSeconds) =>
        Enumerable.Range(0, peakExtraSeconds.Length).Where(s => peakExtraSeconds[s] >= 20).ToHashSet();
}
