namespace Kollektivkart.Data.Demo;

/// <summary>
/// Timetable times (seconds after the operating day's local midnight) to UTC. A local time skipped in spring
/// is read with the offset before the change, a repeated one in autumn as its first occurrence.
/// </summary>
internal sealed class LocalClock
{
    private const int Hours = 48;
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private readonly long[] _hourStartsUtc = new long[Hours];

    public LocalClock(DateOnly operatingDay)
    {
        var midnight = operatingDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        for (var hour = 0; hour < Hours; hour++)
        {
            var local = midnight.AddHours(hour);
            TimeSpan offset;
            if (Oslo.IsInvalidTime(local))
            {
                offset = Oslo.GetUtcOffset(local.AddHours(-1));
            }
            else if (Oslo.IsAmbiguousTime(local))
            {
                offset = Oslo.GetAmbiguousTimeOffsets(local).Max();
            }
            else
            {
                offset = Oslo.GetUtcOffset(local);
            }
            _hourStartsUtc[hour] = new DateTimeOffset(local, offset).ToUnixTimeSeconds();
        }
    }

    public long ToUtc(int localSeconds) => _hourStartsUtc[localSeconds / 3600] + localSeconds % 3600;
}
