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

    /// <summary>Monday to Friday of the month <paramref name="month"/> lies in.</summary>
    public static IReadOnlyList<DateOnly> Weekdays(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month))
            .Select(first.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();
    }

    /// <summary>Midnight UTC of <paramref name="day"/> plus <paramref name="time"/>.</summary>
    public static DateTimeOffset Utc(DateOnly day, TimeSpan time) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).Add(time);
}
