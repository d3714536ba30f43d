namespace Kollektivkart.Data.Calendar;

/// <summary>
/// The three timetables Norwegian transit runs (data-model.md section 6). A public holiday runs the Sunday
/// timetable, so it counts as <see cref="Sunday"/> whatever day of the week it falls on.
/// </summary>
public enum DayType
{
    Weekday,
    Saturday,
    Sunday,
}

public static class DayTypes
{
    public static readonly IReadOnlyList<DayType> All = [DayType.Weekday, DayType.Saturday, DayType.Sunday];

    /// <summary>The name in stats.db, addresses (<c>?day=saturday</c>) and the API (<c>day_type=</c>).</summary>
    public static string Name(this DayType dayType) => dayType switch
    {
        DayType.Saturday => "saturday",
        DayType.Sunday => "sunday",
        _ => "weekday",
    };

    /// <summary>How a page says it: "weekdays", "Saturdays", "Sundays and holidays".</summary>
    public static string Label(this DayType dayType) => dayType switch
    {
        DayType.Saturday => "Saturdays",
        DayType.Sunday => "Sundays and holidays",
        _ => "Weekdays",
    };

    /// <summary>Reads a name as written in an address; case-insensitive, nothing else accepted.</summary>
    public static bool TryParse(string? text, out DayType dayType)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                dayType = candidate;
                return true;
            }
        }
        dayType = DayType.Weekday;
        return false;
    }
}
