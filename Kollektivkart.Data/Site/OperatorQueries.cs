using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>The operators page's figures: per operator, what stats.db holds of it in a month.</summary>
public static class OperatorQueries
{
    private static readonly string StretchesSql = SqlScripts.Load("Site/operator_stretches.sql");

    /// <summary>Every operator's stretch count of every month and day type (Site/operator_stretches.sql), for <see cref="SiteDimensions"/>.</summary>
    internal static Dictionary<(DateOnly Month, string DayType), IReadOnlyDictionary<string, int>> ReadAllStretches(StatsDatabase db) =>
        db.Query(StretchesSql, r => (
                Month: r.GetFieldValue<DateOnly>(r.GetOrdinal("month")), DayType: r.GetString(r.GetOrdinal("day_type")),
                Code: r.GetString(r.GetOrdinal("data_source")), Count: r.GetInt32(r.GetOrdinal("stretches"))))
            .GroupBy(r => (r.Month, r.DayType))
            .ToDictionary(g => g.Key, IReadOnlyDictionary<string, int> (g) => g.ToDictionary(r => r.Code, r => r.Count, StringComparer.Ordinal));

    /// <summary>How many stretches each operator has that month and day type, at any hour; operators without any are absent.</summary>
    public static IReadOnlyDictionary<string, int> Stretches(StatsDatabase db, DateOnly month, DayType dayType) =>
        db.Dimensions.OperatorStretches(month, dayType);
}
