using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>The three map views of data-model.md section 5: hot spots, an operator's legs, and the change between months.</summary>
public static class MapQueries
{
    public const int HotSpotLimit = 1000;
    public const int ComparisonLimit = 2000;

    private static readonly string LegStatRowsSql = SqlScripts.Load("Site/leg_stat_rows.sql");
    private static readonly string HotSpotsSql = SqlScripts.Load("Site/hot_spots.sql");
    private static readonly string HotSpotCountSql = SqlScripts.Load("Site/hot_spot_count.sql");
    private static readonly string ComparisonSql = SqlScripts.Load("Site/comparison.sql");

    /// <summary>The stretches with the highest rush intensity that month and hour, every operator.</summary>
    public static IReadOnlyList<LegStatRow> HotSpots(StatsDatabase db, DateOnly month, int hour, DayType dayType = DayType.Weekday) =>
        HotSpots(db, month, hour, dayType, HotSpotLimit);

    /// <summary>The first <paramref name="limit"/> hot spots (at most <see cref="HotSpotLimit"/>, what stats.db keeps of each hour).</summary>
    public static IReadOnlyList<LegStatRow> HotSpots(StatsDatabase db, DateOnly month, int hour, DayType dayType, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, HotSpotLimit);
        return db.Query(HotSpotsSql, LegStatRow.Read, ("month", month), ("day_type", dayType.Name()), ("hour", hour), ("limit", limit));
    }

    /// <summary>
    /// How many rows <see cref="HotSpots(StatsDatabase, DateOnly, int, DayType, int)"/> gives at <paramref name="limit"/>
    /// (by default: how many hot spots that month, hour and day type has), without reading them.
    /// </summary>
    public static int HotSpotCount(StatsDatabase db, DateOnly month, int hour, DayType dayType, int limit = HotSpotLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, HotSpotLimit);
        return db.Query(HotSpotCountSql, r => r.GetInt32(0), ("month", month), ("day_type", dayType.Name()), ("hour", hour), ("limit", limit)).Single();
    }

    /// <summary>Every stretch of one operator (and one of its lines, through stop_line) that month and hour.</summary>
    public static IReadOnlyList<LegStatRow> Legs(
        StatsDatabase db, DateOnly month, int hour, string dataSource, string? lineRef, DayType dayType = DayType.Weekday) =>
        db.Query(LegStatRowsSql, LegStatRow.Read,
            ("month", month), ("day_type", dayType.Name()), ("hour", hour), ("data_source", dataSource), ("line_ref", lineRef), ("limit", null));

    /// <summary>
    /// Stretches present in both months at that hour, the largest relative change first; the top
    /// <see cref="ComparisonLimit"/> unless an operator is chosen.
    /// </summary>
    public static IReadOnlyList<ComparisonRow> Comparison(
        StatsDatabase db, DateOnly current, DateOnly previous, int hour, string? dataSource, string? lineRef,
        DayType dayType = DayType.Weekday) =>
        db.Query(ComparisonSql, ComparisonRow.Read,
            ("cur_month", current), ("prev_month", previous), ("day_type", dayType.Name()), ("hour", hour),
            ("data_source", dataSource), ("line_ref", lineRef),
            ("limit", dataSource is null ? ComparisonLimit : null));
}
