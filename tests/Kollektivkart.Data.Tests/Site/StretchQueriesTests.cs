using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>data-model.md section 8, a stretch over time, on the stretches of <see cref="ChangePondFixture"/>.</summary>
public sealed class StretchQueriesTests(ChangePondFixture fixture) : IClassFixture<ChangePondFixture>
{
    private static readonly DateOnly January = new(2025, 1, 1);
    private static readonly DateOnly February = new(2025, 2, 1);
    private const string Stop1 = "NSR:StopPlace:1", Stop2 = "NSR:StopPlace:2", Stop6 = "NSR:StopPlace:6", Stop7 = "NSR:StopPlace:7";

    private StatsDatabase Db => fixture.Db;

    [Fact]
    public void A_stretch_has_its_stops_and_operators_and_only_in_its_direction()
    {
        var stretch = StretchQueries.Find(Db, Stop1, Stop2);
        Assert.NotNull(stretch);
        Assert.Equal(("Stop 1", "Stop 2"), (stretch.FromStop, stretch.ToStop));
        Assert.Equal(["RUT", "SKY"], stretch.DataSources);
        Assert.Null(StretchQueries.Find(Db, Stop2, Stop1));
        Assert.Null(StretchQueries.Find(Db, Stop1, "NSR:StopPlace:999"));
    }

    [Fact]
    public void History_gives_each_operator_its_own_series_at_the_hour_and_over_the_day()
    {
        Assert.Equal(
            [
                new StretchMonth("RUT", January, 100, 130, 21, 100, 130, 21),
                new StretchMonth("RUT", February, 130, 130, 22, 130, 130, 22),
                new StretchMonth("SKY", February, 90, 90, 25, 90, 90, 25),
            ],
            StretchQueries.History(Db, Stop1, Stop2, DayType.Weekday, 8));
    }

    [Fact]
    public void A_month_without_the_hour_keeps_its_whole_day_figures()
    {
        // 6-7 runs at 08, 09 and 16. January's day: 42 x 100 and 21 x 300 (median 100, 75th percentile 300);
        // February's: 21 x 140, 21 x 200, 21 x 250 (median 200, 75th percentile 250).
        Assert.Equal(
            [new StretchMonth("RUT", January, null, null, null, 100, 300, 63), new StretchMonth("RUT", February, null, null, null, 200, 250, 63)],
            StretchQueries.History(Db, Stop6, Stop7, DayType.Weekday, 12));
        Assert.Equal(
            [new StretchMonth("RUT", January, 300, 300, 21, 100, 300, 63), new StretchMonth("RUT", February, 250, 250, 21, 200, 250, 63)],
            StretchQueries.History(Db, Stop6, Stop7, DayType.Weekday, 16));
    }

    [Fact]
    public void History_is_per_day_type()
    {
        Assert.Empty(StretchQueries.History(Db, Stop6, Stop7, DayType.Saturday, 8));
        Assert.Equal([100, 200], StretchQueries.History(Db, Stop7, "NSR:StopPlace:8", DayType.Saturday, 12).Select(m => m.HourlyDuration ?? 0));
    }

    [Fact]
    public void Profile_gives_the_month_hour_by_hour()
    {
        Assert.Equal(
            [new StretchHour("RUT", 8, 200, 200, 21), new StretchHour("RUT", 9, 140, 140, 21), new StretchHour("RUT", 16, 250, 250, 21)],
            StretchQueries.Profile(Db, Stop6, Stop7, February, DayType.Weekday));
    }

    [Fact]
    public void The_lines_that_ran_the_stretch()
    {
        Assert.Equal(
            [new LineSummary("RUT", "RUT:Line:1", "1"), new LineSummary("SKY", "SKY:Line:1", "1")],
            StretchQueries.Lines(Db, Stop1, Stop2));
    }
}
