using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>The operator page's own query: its stops with the most very late departures.</summary>
public static partial class PunctualityQueries
{
    private static readonly string OperatorStopsSql = SqlScripts.Load("Site/Punctuality/operator_stops.sql");

    /// <summary>How many stops an operator page lists by very late departures.</summary>
    public const int OperatorStopCount = 20;

    /// <summary>
    /// The operator's stops with at least one very late departure over the whole day that month and day type, most very late
    /// first (its lines at the stop added up), at most <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<StopPunctuality> OperatorStops(
        StatsDatabase db, string dataSource, DateOnly month, DayType dayType, int limit = OperatorStopCount) =>
        db.Query(OperatorStopsSql,
            r => new StopPunctuality(
                r.GetString(r.GetOrdinal("stop_id")), r.GetString(r.GetOrdinal("name")),
                r.IsDBNull(r.GetOrdinal("lat")) ? null : r.GetDouble(r.GetOrdinal("lat")),
                r.IsDBNull(r.GetOrdinal("lon")) ? null : r.GetDouble(r.GetOrdinal("lon")),
                PunctualityFigures.Read(r)),
            ("data_source", dataSource), ("month", month), ("day_type", dayType.Name()), ("limit", limit));
}
