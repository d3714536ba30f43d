using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Punctuality;

/// <summary>The punctuality queries on the hand-built stats.db: the rows the pages and the API read (data-model.md section 9).</summary>
[Collection(SiteCollection.Name)]
public sealed class PunctualityQueriesTests(SiteData data)
{
    private StatsDatabase Open() => StatsDatabase.Open(data.HandBuilt.Path);

    [Fact]
    public void The_worked_example_gives_84_percent_on_time_and_7_4_percent_cancelled()
    {
        using var db = Open();
        var torget = PunctualityQueries.LineStops(db, "ATB", Line3, February, DayType.Weekday, PageHour)
            .Single(s => s.Direction == "Outbound" && s.StopId == Torget.Id);
        Assert.Equal(0.84, torget.Figures.OnTimeShare!.Value, 6);
        Assert.Equal(2.0 / 27, torget.Figures.CancelledShare!.Value, 6);
        Assert.Equal(95, torget.Figures.ShownMedianDelay);
    }

    [Fact]
    public void Below_20_observed_no_share_or_percentile_is_given()
    {
        using var db = Open();
        var line11 = PunctualityQueries.StopLines(db, Torget.Id, February, DayType.Weekday, PageHour).Single(l => l.LineRef == Line11);
        Assert.False(line11.Figures.Shown);
        Assert.Null(line11.Figures.OnTimeShare);
        Assert.Null(line11.Figures.CancelledShare);
        Assert.Null(line11.Figures.ShownMedianDelay);
        Assert.Equal(12, line11.Figures.Observed);
    }

    [Fact]
    public void A_line_s_stops_come_in_route_order_per_direction()
    {
        using var db = Open();
        var stops = PunctualityQueries.LineStops(db, "ATB", Line3, February, DayType.Weekday, PageHour);
        Assert.Equal(
            ["Inbound Ranheim", "Inbound Torget", "Outbound Ila", "Outbound Prinsens gate", "Outbound Torget", "Outbound Solsiden", "Outbound Lade"],
            stops.Select(s => s.Direction + " " + s.Name));
    }

    [Fact]
    public void A_line_s_stops_at_the_hour_and_over_the_day_in_one_query_are_those_of_each_alone()
    {
        using var db = Open();
        var (atHour, wholeDay) = PunctualityQueries.LineStopsAtHourAndWholeDay(db, "ATB", Line3, February, DayType.Weekday, PageHour);
        Assert.NotEmpty(atHour);
        Assert.NotEmpty(wholeDay);
        Assert.Equal(PunctualityQueries.LineStops(db, "ATB", Line3, February, DayType.Weekday, PageHour), atHour);
        Assert.Equal(PunctualityQueries.LineStops(db, "ATB", Line3, February, DayType.Weekday, null), wholeDay);
    }

    [Fact]
    public void The_whole_day_and_an_hour_are_apart()
    {
        using var db = Open();
        var day = PunctualityQueries.Operators(db, February, DayType.Weekday, null);
        var hour = PunctualityQueries.Operators(db, February, DayType.Weekday, PageHour);
        Assert.Equal(["ATB", "RUT", "SKY"], day.Select(o => o.DataSource));
        Assert.Equal(["ATB"], hour.Select(o => o.DataSource));
        Assert.Equal(1000, day[0].Figures.Planned);
        Assert.Equal(100, hour[0].Figures.Planned);
        Assert.Equal(0.85, day[0].Final.Within3Minutes59Share!.Value, 6);
    }

    [Fact]
    public void An_operator_s_map_adds_its_lines_counts_and_keeps_a_median_only_for_one_line()
    {
        using var db = Open();
        var torget = PunctualityQueries.Stops(db, February, DayType.Weekday, PageHour, "ATB").Single(s => s.StopId == Torget.Id);
        Assert.Equal(65 + 14, torget.Figures.Planned);
        Assert.Null(torget.Figures.MedianDelay);
        Assert.Equal(Torget.Lat, torget.Lat);
        var line3 = PunctualityQueries.Stops(db, February, DayType.Weekday, PageHour, "ATB", Line3).Single(s => s.StopId == Torget.Id);
        Assert.Equal(90, line3.Figures.MedianDelay);
    }
}
