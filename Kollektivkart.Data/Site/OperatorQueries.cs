using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>The operators page's figures: per operator, what stats.db holds of it in a month.</summary>
public static class OperatorQueries
{
    private static readonly string StretchesSql = SqlScripts.Load("Site/operator_stretches.sql");

    /// <summary>How many stretches each operator has that month and day type, at any hour; operators without any are absent.</summary>
    public static IReadOnlyDictionary<string, int> Stretches(StatsDatabase db, DateOnly month, DayType dayType) =>
        db.Query(StretchesSql, r => (Code: r.GetString(0), Count: r.GetInt32(1)), ("month", month), ("day_type", dayType.Name()))
            .ToDictionary(r => r.Code, r => r.Count, StringComparer.Ordinal);
}
