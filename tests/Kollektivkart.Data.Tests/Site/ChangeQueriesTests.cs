using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>data-model.md section 7, on the stretches of <see cref="ChangePondFixture"/>.</summary>
public sealed class ChangeQueriesTests(ChangePondFixture fixture) : IClassFixture<ChangePondFixture>
{
    private static readonly DateOnly January = new(2025, 1, 1);
    private static readonly DateOnly February = new(2025, 2, 1);

    private StatsDatabase Db => fixture.Db;

    private static string Stop(int n) => $"NSR:StopPlace:{n}";

    private IReadOnlyList<StretchChange> Changes(DayType dayType = DayType.Weekday, string? dataSource = null, string? lineRef = null, string? stopId = null) =>
        ChangeQueries.Changes(Db, new ChangeScope(February, January, dayType, dataSource, lineRef, stopId));

    [Fact]
    public void Regressed_and_improved_stretches_ranked_by_impact()
    {
        Assert.Equal(
            [
                (Stop(6), ChangeKind.Regressed, 2940L),
                (Stop(4), ChangeKind.Improved, 1050L),
                (Stop(6), ChangeKind.Improved, 1050L),
                (Stop(1), ChangeKind.Regressed, 660L),
            ],
            Changes().Select(c => (c.FromStopId, c.Kind, c.Impact)));
    }

    [Fact]
    public void An_hour_has_its_delta_impact_and_both_months_figures()
    {
        var regressed = Changes().Single(c => c.FromStopId == Stop(1));
        Assert.Equal(("RUT", Stop(2), "Stop 1", "Stop 2"), (regressed.DataSource, regressed.ToStopId, regressed.FromStop, regressed.ToStop));
        Assert.Equal([new HourChange(8, 30, 660, 130, 130, 22, 100, 130, 21)], regressed.Hours);

        var improved = Changes().Single(c => c.FromStopId == Stop(4));
        Assert.Equal([new HourChange(8, -50, 1050, 150, 200, 21, 200, 200, 21)], improved.Hours);
    }

    [Fact]
    public void A_stretch_lists_its_regressed_hours_and_apart_its_improved_hours()
    {
        var both = Changes().Where(c => c.FromStopId == Stop(6)).ToList();
        Assert.Equal([8, 9], both.Single(c => c.Kind == ChangeKind.Regressed).Hours.Select(h => h.Hour));
        Assert.Equal([(100, 2100L), (40, 840L)], both.Single(c => c.Kind == ChangeKind.Regressed).Hours.Select(h => (h.Delta, h.Impact)));
        Assert.Equal([(16, -50)], both.Single(c => c.Kind == ChangeKind.Improved).Hours.Select(h => (h.Hour, h.Delta)));
    }

    [Fact]
    public void Slower_by_less_than_30_s_or_not_past_the_slow_quarter_is_no_regression()
    {
        var changed = Changes().Select(c => c.FromStopId).ToHashSet();
        Assert.DoesNotContain(Stop(2), changed); // 29 s slower
        Assert.DoesNotContain(Stop(3), changed); // 40 s slower, median now below the 75th percentile before
        Assert.DoesNotContain(Stop(5), changed); // 50 s faster, but the slow quarter now is slower than the median before
    }

    [Fact]
    public void Only_stretches_in_both_months_of_the_operator_are_compared()
    {
        Assert.DoesNotContain(Changes(), c => c.DataSource == "SKY");
        Assert.Empty(Changes(dataSource: "SKY"));
        Assert.Empty(ChangeQueries.Changes(Db, new ChangeScope(January, new DateOnly(2024, 12, 1), DayType.Weekday)));
    }

    [Fact]
    public void Each_day_type_has_its_own_changes()
    {
        var saturday = Assert.Single(Changes(DayType.Saturday));
        Assert.Equal((Stop(7), ChangeKind.Regressed, 2100L), (saturday.FromStopId, saturday.Kind, saturday.Impact));
        Assert.Empty(Changes(DayType.Sunday));
        Assert.DoesNotContain(Changes(), c => c.FromStopId == Stop(7));
    }

    [Fact]
    public void An_operator_line_or_stop_narrows_the_changes()
    {
        Assert.Equal(4, Changes(dataSource: "RUT").Count);
        Assert.Equal([Stop(6), Stop(6)], Changes(lineRef: "RUT:Line:6").Select(c => c.FromStopId));
        Assert.Empty(Changes(lineRef: "RUT:Line:99"));
        // Stop 5 is where 4-5 arrives (improved); 5-6 leaves it unchanged.
        Assert.Equal([(Stop(4), ChangeKind.Improved)], Changes(stopId: Stop(5)).Select(c => (c.FromStopId, c.Kind)));
    }

    [Fact]
    public void A_month_is_provisional_until_its_last_day_is_in()
    {
        Assert.False(Db.Catalog.IsProvisional(January));
        Assert.False(Db.Catalog.IsProvisional(February));
        Assert.True(Db.Catalog.IsProvisional(new DateOnly(2025, 3, 1)));
    }
}
