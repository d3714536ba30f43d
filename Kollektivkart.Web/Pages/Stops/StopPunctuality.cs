using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Pages.Stops;

/// <summary>
/// A stop page's punctuality (data-model.md section 9): each line at the stop at the page's hour and over the whole day
/// (two tables: each already has eight columns), and the stop's on-time share by hour of day, the three day types side by side.
/// </summary>
public sealed record StopPunctualityView(
    IReadOnlyList<StopLineFigures> AtHour, IReadOnlyList<StopLineFigures> AllDay, IReadOnlyList<StopHourPunctuality> Hours,
    string LinesCsvUrl, string LinesDayCsvUrl, string HoursCsvUrl)
{
    public static StopPunctualityView Of(IReadOnlyList<StopLineFigures> lines, IReadOnlyList<StopHourPunctuality> hours, PageSelectors selectors) => new(
        lines.Where(l => l.Hour is not null).ToList(), lines.Where(l => l.Hour is null).ToList(), hours,
        selectors.Current + "&handler=linescsv", selectors.Current + "&handler=linesdaycsv", selectors.Current + "&handler=hourscsv");

    /// <summary>The hours of the day with departures on any day type, in order.</summary>
    public IReadOnlyList<int> HoursOfDay => Hours.Where(h => h.Hour is not null).Select(h => h.Hour!.Value).Distinct().Order().ToList();

    /// <summary>A day type's figures at an hour (null: the whole day), or null when it has no departures then.</summary>
    public PunctualityFigures? At(DayType dayType, int? hour) =>
        Hours.FirstOrDefault(h => h.DayType == dayType && h.Hour == hour)?.Figures;

    /// <summary>On-time share in percent by hour of day, a bar per day type (as the stop's delay-by-hour chart).</summary>
    public ChartData HourChart => new(
        HoursOfDay.Select(h => $"{h:00}").ToList(),
        [.. DayTypes.All.Select(dayType => new ChartSeries(
            $"{dayType.Label()}: on time", HoursOfDay.Select(h => Percent(At(dayType, h)?.OnTimeShare)).ToList()))],
        "% of departures on time", "hour of day") { YMax = 100 };

    private static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;
}
