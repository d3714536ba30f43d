namespace Kollektivkart.Web.Serving;

/// <summary>Dates as Norway sees them: operating dates and months are Norwegian, whatever the server's zone.</summary>
public static class Clock
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Oslo).DateTime);

    /// <summary>Midnight starting <paramref name="day"/> in Norway, with its offset (midnight is never skipped by summer time there).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Oslo.GetUtcOffset(midnight));
    }
}
