namespace Kollektivkart.Data.Calendar;

/// <summary>Norwegian public holidays for any year, and the day type of a local date (data-model.md section 6).</summary>
public static class NorwegianCalendar
{
    /// <summary>Easter Sunday by the Gregorian computus (the anonymous algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// The twelve public holidays of a year, in date order. Christmas Eve and New Year's Eve are not among
    /// them: they keep the day type of their day of the week.
    /// </summary>
    public static IReadOnlyList<DateOnly> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        DateOnly[] holidays =
        [
            new(year, 1, 1),
            easter.AddDays(-3), // Maundy Thursday
            easter.AddDays(-2), // Good Friday
            easter,
            easter.AddDays(1), // Easter Monday
            new(year, 5, 1),
            new(year, 5, 17),
            easter.AddDays(39), // Ascension Day
            easter.AddDays(49), // Whit Sunday
            easter.AddDays(50), // Whit Monday
            new(year, 12, 25),
            new(year, 12, 26),
        ];
        return holidays.Order().ToList();
    }

    /// <summary>The public holidays of the years <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public static IReadOnlyList<DateOnly> PublicHolidays(int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from + 1)).SelectMany(year => PublicHolidays(year)).ToList();

    public static bool IsPublicHoliday(DateOnly date) => PublicHolidays(date.Year).Contains(date);

    public static DayType DayTypeOf(DateOnly date) => date.DayOfWeek switch
    {
        _ when IsPublicHoliday(date) => DayType.Sunday,
        DayOfWeek.Sunday => DayType.Sunday,
        DayOfWeek.Saturday => DayType.Saturday,
        _ => DayType.Weekday,
    };
}
