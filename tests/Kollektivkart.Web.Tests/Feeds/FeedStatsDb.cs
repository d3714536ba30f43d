using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Feeds;

/// <summary>
/// The hand-built stats.db plus December 2024 and a Ruter line F1 (Kilo, Lima, Mike, November) at <see cref="Hour"/>
/// whose stretches change month to month (data-model.md section 7), with operating days from 1 December: December,
/// January and February are complete, March is provisional.
/// <list type="bullet">
/// <item>January against December: Kilo-Lima slower (+60 s x 30 = 1,800), Mike-November faster (-40 s x 25 = 1,000).</item>
/// <item>February against January: Lima-Mike slower (+50 s x 40 = 2,000), Kilo-Lima faster (-50 s x 30 = 1,500); on
/// Saturdays Kilo-Lima slower (+50 s x 24 = 1,200) after the hand-built Alfa-Bravo (+80 s x 24 = 1,920). With the hand-built rows: Ruter's 1,770 slower comparison stretches
/// (+30 to +199 s, x 25) and Skyss's Sierra-Tango (+115 s x 22).</item>
/// <item>March against February: Kilo-Lima slower, but March is provisional: in no feed.</item>
/// </list>
/// </summary>
public static class FeedStatsDb
{
    public static readonly DateOnly December = new(2024, 12, 1);
    public const int Hour = 7;
    public const string LineRef = "RUT:Line:F1";

    /// <summary>Ruter's slower comparison stretches in February: i % 200 from 30 to 199 among i &lt; 2100.</summary>
    public const int RuterComparisonSlower = 1_770;

    public static readonly Stop Kilo = new("NSR:StopPlace:31", "Kilo", 59.80, 10.60);
    public static readonly Stop Lima = new("NSR:StopPlace:32", "Lima", 59.81, 10.62);
    public static readonly Stop Mike = new("NSR:StopPlace:33", "Mike", 59.82, 10.64);
    public static readonly Stop November = new("NSR:StopPlace:34", "November", 59.83, 10.66);

    public static readonly MoreRows Rows = new(
        [
            Leg(December, Kilo, Lima, 100, 120, 30),
            Leg(December, Lima, Mike, 200, 230, 40),
            Leg(December, Mike, November, 300, 330, 25),
            Leg(January, Kilo, Lima, 160, 180, 30),
            Leg(January, Lima, Mike, 200, 230, 40),
            Leg(January, Mike, November, 260, 300, 25),
            Leg(February, Kilo, Lima, 110, 130, 30),
            Leg(February, Lima, Mike, 250, 280, 40),
            Leg(February, Mike, November, 260, 300, 25),
            Leg(March, Kilo, Lima, 200, 220, 30),
            Leg(January, Kilo, Lima, 100, 120, 24, DayType.Saturday),
            Leg(February, Kilo, Lima, 150, 170, 24, DayType.Saturday),
        ],
        [
            new("RUT", LineRef, Kilo, Lima, 1),
            new("RUT", LineRef, Lima, Mike, 2),
            new("RUT", LineRef, Mike, November, 3),
        ],
        December);

    private static LegStat Leg(DateOnly month, Stop from, Stop to, int duration, int quartile, long count, DayType dayType = DayType.Weekday) =>
        new(month, Hour, "RUT", from, to, quartile, duration, duration, duration, duration, count, count * 10, DayType: dayType);
}
