using System.Data.Common;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>A stop place with statistics: its newest name and position, and the operators with statistics there.</summary>
public sealed record Stop(string Id, string Name, double Lat, double Lon, IReadOnlyList<string> DataSources)
{
    internal static Stop Read(DbDataReader r) => new(
        r.GetString(r.GetOrdinal("stop_id")),
        r.GetString(r.GetOrdinal("name")),
        r.GetDouble(r.GetOrdinal("lat")),
        r.GetDouble(r.GetOrdinal("lon")),
        r.GetFieldValue<List<string>>(r.GetOrdinal("data_sources")));
}

/// <summary>A stretch into (<see cref="Arriving"/>) or out of a stop, with its statistics.</summary>
public sealed record StopStretch(bool Arriving, LegStatRow Stats);

/// <summary>
/// The delay at a stop in one hour of the day: <see cref="Delay"/> of the legs arriving there and the
/// delay they added on the way in (<see cref="DelayAdded"/>), seconds, means weighted by legs.
/// </summary>
public sealed record HourDelay(int Hour, double Delay, double DelayAdded, long Arrivals);

/// <summary>
/// The delay at a stop in one month: at the chosen hour (null, with no arrivals, when that hour has no
/// statistics that month) and over the whole day of its day type, seconds, means weighted by legs.
/// </summary>
public sealed record MonthDelay(DateOnly Month, double? Delay, long Arrivals, double DayDelay, long DayArrivals);

/// <summary>What a stop page shows: the stop, the stretches through it, its delay by hour and by month, its lines.</summary>
public static class StopQueries
{
    private static readonly string StretchesSql = SqlScripts.Load("Site/stop_stretches.sql");
    private static readonly string DelaySql = SqlScripts.Load("Site/stop_delay.sql");

    /// <summary>The stop place, or null when it has no statistics.</summary>
    public static Stop? Find(StatsDatabase db, string? stopId) => db.Dimensions.Stop(stopId);

    /// <summary>The stretches into the stop and out of it that month and hour: arriving first, then by rush intensity.</summary>
    public static IReadOnlyList<StopStretch> Stretches(
        StatsDatabase db, string stopId, DateOnly month, int hour, DayType dayType = DayType.Weekday) =>
        db.Query(StretchesSql, r => new StopStretch(r.GetBoolean(r.GetOrdinal("arriving")), LegStatRow.Read(r)),
            ("stop_id", stopId), ("stop_key", StatsKeys.Stop(stopId)), ("month", month), ("day_type", dayType.Name()), ("hour", hour));

    /// <summary>Each hour of the month with legs arriving at the stop, earliest first.</summary>
    public static IReadOnlyList<HourDelay> DelayByHour(StatsDatabase db, string stopId, DateOnly month, DayType dayType = DayType.Weekday) =>
        DelayByHourOfEachDayType(db, stopId, month)[dayType];

    /// <summary><see cref="DelayByHour"/> of every day type (<see cref="DayTypes.All"/>, each present).</summary>
    public static IReadOnlyDictionary<DayType, IReadOnlyList<HourDelay>> DelayByHourOfEachDayType(StatsDatabase db, string stopId, DateOnly month) =>
        Delays(db, stopId, month, 0, DayType.Weekday).ByHour;

    /// <summary>Each month with legs arriving at the stop, oldest first, at <paramref name="hour"/> and over the day.</summary>
    public static IReadOnlyList<MonthDelay> Trend(StatsDatabase db, string stopId, int hour, DayType dayType = DayType.Weekday) =>
        Delays(db, stopId, null, hour, dayType).Trend;

    /// <summary>
    /// What a stop page charts, from one read of the stop's rows of stop_delay: <see cref="DelayByHourOfEachDayType"/> of
    /// <paramref name="month"/> (none when null) and the <see cref="Trend"/> of <paramref name="dayType"/> at <paramref name="hour"/>.
    /// </summary>
    public static (IReadOnlyDictionary<DayType, IReadOnlyList<HourDelay>> ByHour, IReadOnlyList<MonthDelay> Trend) Delays(
        StatsDatabase db, string stopId, DateOnly? month, int hour, DayType dayType)
    {
        var rows = db.Query(DelaySql, r => (
                Month: r.GetFieldValue<DateOnly>(r.GetOrdinal("month")),
                DayType: r.GetString(r.GetOrdinal("day_type")),
                DaySum: r.GetInt64(r.GetOrdinal("day_delay_sum")),
                DayArrivals: r.GetInt64(r.GetOrdinal("day_arrivals")),
                Hours: r.GetFieldValue<List<int>>(r.GetOrdinal("hour")),
                DelaySums: r.GetFieldValue<List<long>>(r.GetOrdinal("delay_sum")),
                AddedSums: r.GetFieldValue<List<long>>(r.GetOrdinal("delay_added_sum")),
                Arrivals: r.GetFieldValue<List<long>>(r.GetOrdinal("arrivals"))),
            ("stop_id", stopId), ("stop_key", StatsKeys.Stop(stopId)), ("month", month), ("day_type", dayType.Name()));
        // The means as SQL divided them before (a BIGINT sum cast to DOUBLE over a BIGINT count): the same doubles.
        static double Mean(long sum, long count) => (double)sum / count;
        var byHour = DayTypes.All.ToDictionary(d => d, IReadOnlyList<HourDelay> (d) => rows
            .Where(r => r.Month == month && r.DayType == d.Name())
            .SelectMany(r => r.Hours.Select((h, i) => new HourDelay(h, Mean(r.DelaySums[i], r.Arrivals[i]), Mean(r.AddedSums[i], r.Arrivals[i]), r.Arrivals[i])))
            .OrderBy(h => h.Hour)
            .ToList());
        var trend = rows.Where(r => r.DayType == dayType.Name())
            .OrderBy(r => r.Month)
            .Select(r => r.Hours.IndexOf(hour) is var i and >= 0
                ? new MonthDelay(r.Month, Mean(r.DelaySums[i], r.Arrivals[i]), r.Arrivals[i], Mean(r.DaySum, r.DayArrivals), r.DayArrivals)
                : new MonthDelay(r.Month, null, 0, Mean(r.DaySum, r.DayArrivals), r.DayArrivals))
            .ToList();
        return (byHour, trend);
    }

    /// <summary>The lines running a stretch from or to the stop, in the order of an operator's line list.</summary>
    public static IReadOnlyList<LineSummary> Lines(StatsDatabase db, string stopId) => db.Dimensions.StopLines(stopId);
}
