using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Tests.Calendar;

/// <summary>data-model.md section 6: public holidays and day types.</summary>
public sealed class NorwegianCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest possible date is 25 April
    [InlineData(2285, 3, 22)] // the earliest possible date is 22 March
    public void Easter_Sunday_by_the_Gregorian_computus(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), NorwegianCalendar.EasterSunday(year));

    [Fact]
    public void The_twelve_public_holidays_of_2025()
    {
        DateOnly[] expected =
        [
            new(2025, 1, 1), new(2025, 4, 17), new(2025, 4, 18), new(2025, 4, 20), new(2025, 4, 21),
            new(2025, 5, 1), new(2025, 5, 17), new(2025, 5, 29), new(2025, 6, 8), new(2025, 6, 9),
            new(2025, 12, 25), new(2025, 12, 26),
        ];
        Assert.Equal(expected, NorwegianCalendar.PublicHolidays(2025));
    }

    [Fact]
    public void Ascension_Day_and_Whitsun_follow_Easter()
    {
        Assert.Contains(new DateOnly(2025, 5, 29), NorwegianCalendar.PublicHolidays(2025)); // Ascension Day, a Thursday
        Assert.Contains(new DateOnly(2026, 5, 14), NorwegianCalendar.PublicHolidays(2026));
        Assert.Contains(new DateOnly(2026, 5, 25), NorwegianCalendar.PublicHolidays(2026)); // Whit Monday
    }

    [Theory]
    [InlineData("2025-02-03", DayType.Weekday)] // a Monday
    [InlineData("2025-02-07", DayType.Weekday)] // a Friday
    [InlineData("2025-02-08", DayType.Saturday)]
    [InlineData("2025-02-09", DayType.Sunday)]
    [InlineData("2025-01-01", DayType.Sunday)] // New Year's Day, a Wednesday
    [InlineData("2025-04-17", DayType.Sunday)] // Maundy Thursday
    [InlineData("2025-04-18", DayType.Sunday)] // Good Friday
    [InlineData("2025-04-19", DayType.Saturday)] // Easter Saturday is no holiday
    [InlineData("2025-04-21", DayType.Sunday)] // Easter Monday
    [InlineData("2025-05-01", DayType.Sunday)] // a Thursday
    [InlineData("2027-05-17", DayType.Sunday)] // Constitution Day on a Monday
    [InlineData("2025-05-17", DayType.Sunday)] // Constitution Day on a Saturday: a holiday, not a Saturday
    [InlineData("2025-05-29", DayType.Sunday)] // Ascension Day
    [InlineData("2025-06-09", DayType.Sunday)] // Whit Monday
    [InlineData("2025-12-24", DayType.Weekday)] // Christmas Eve is no holiday
    [InlineData("2025-12-31", DayType.Weekday)] // nor New Year's Eve
    [InlineData("2022-12-24", DayType.Saturday)]
    [InlineData("2025-12-26", DayType.Sunday)]
    public void Day_type_of_a_date(string date, DayType expected) =>
        Assert.Equal(expected, NorwegianCalendar.DayTypeOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("weekday", DayType.Weekday)]
    [InlineData("Saturday", DayType.Saturday)]
    [InlineData("SUNDAY", DayType.Sunday)]
    public void Day_type_names_read_back(string name, DayType expected)
    {
        Assert.True(DayTypes.TryParse(name, out var dayType));
        Assert.Equal(expected, dayType);
        Assert.Equal(name.ToLowerInvariant(), dayType.Name());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("holiday")]
    [InlineData("1")]
    public void Other_day_type_names_are_refused(string? name) => Assert.False(DayTypes.TryParse(name, out _));
}
