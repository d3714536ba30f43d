using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Tests.Support;

/// <summary>Shapes of journeys the aggregate tests need many of.</summary>
public static class Journeys
{
    /// <summary>
    /// A journey of two calls, hence one leg: departs <paramref name="from"/> at <paramref name="departure"/>
    /// (planned) plus <paramref name="departureDelay"/>, planned to take <paramref name="plannedSeconds"/>,
    /// and takes <paramref name="actualSeconds"/>.
    /// </summary>
    public static IReadOnlyList<Call> OneLeg(
        DateOnly operatingDate, string journeyId, DateTimeOffset departure, string from, string to,
        int actualSeconds, int plannedSeconds = 120, int departureDelay = 0,
        string lineRef = "RUT:Line:1", string dataSource = "RUT") =>
        new JourneyBuilder(operatingDate, journeyId, departure) { LineRef = lineRef, DataSource = dataSource }
            .At(from, TimeSpan.Zero, departureDelay)
            .At(to, TimeSpan.FromSeconds(plannedSeconds), departureDelay + actualSeconds - plannedSeconds)
            .Calls();

    /// <summary>
    /// <paramref name="count"/> journeys of a line on the weekdays of <paramref name="month"/>, spread over its days
    /// and leaving in the Oslo hour <paramref name="localHour"/> (every 5 minutes from the hour when a day has several).
    /// Each visits <paramref name="calls"/> in order, 2 minutes apart as planned, each call its delay late: a stretch's
    /// legs have the delay of its to call and add (deviation) the difference of its two calls' delays.
    /// </summary>
    public static IEnumerable<Call> OnWeekdays(
        DateOnly month, int localHour, int count, IReadOnlyList<(string Stop, int Delay)> calls,
        string lineRef = "RUT:Line:1", string dataSource = "RUT", string dataSourceName = "Ruter",
        string direction = "Outbound", string tag = "")
    {
        var days = Weekdays(month);
        return Enumerable.Range(0, count).SelectMany(i =>
        {
            var day = days[i % days.Count];
            var departure = Local(day, new TimeSpan(localHour, 5 * (i / days.Count), 0));
            var journey = new JourneyBuilder(day, $"{lineRef}:{direction}:{localHour}:{tag}{i}", departure)
                { LineRef = lineRef, DataSource = dataSource, DirectionRef = direction };
            for (var n = 0; n < calls.Count; n++)
            {
                journey.At(calls[n].Stop, 2 * n, calls[n].Delay);
            }
            return journey.Calls().Select(c => c with { DataSourceName = dataSourceName });
        });
    }

    /// <summary><paramref name="time"/> after midnight of <paramref name="day"/> in Oslo.</summary>
    public static DateTimeOffset Local(DateOnly day, TimeSpan time)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(time);
        return new DateTimeOffset(local, Oslo.GetUtcOffset(local));
    }

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>Monday to Friday of the month <paramref name="month"/> lies in, public holidays left out (they are Sundays).</summary>
    public static IReadOnlyList<DateOnly> Weekdays(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month))
            .Select(first.AddDays)
            .Where(d => NorwegianCalendar.DayTypeOf(d) == DayType.Weekday)
            .ToList();
    }

    /// <summary>Midnight UTC of <paramref name="day"/> plus <paramref name="time"/>.</summary>
    public static DateTimeOffset Utc(DateOnly day, TimeSpan time) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).Add(time);
}
