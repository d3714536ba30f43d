using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// Stops 1-8 in a line, 1 km apart, with chosen durations in January (the baseline) and February 2025 (data-model.md
/// sections 7 and 8). Weekdays, Ruter, unless said:
/// 1-2 at 08: before 100 x 11, 130 x 10 (median 100, 75th percentile 130); now 130 x 22, just as slow as the slow quarter
///   before and just 30 s slower: regressed, 30 x 22 legs now = 660.
///   SKY runs it too, in February only (90 s): no baseline, so no change, but a series of its own.
/// 2-3 at 08: as 1-2 before; now 129 x 21: 29 s slower, not enough.
/// 3-4 at 08: before 100 x 11, 200 x 10 (median 100, 75th percentile 200); now 140 x 21: 40 s slower, below the slow quarter.
/// 4-5 at 08: before 200 x 21; now 150 x 15, 200 x 6 (median 150, 75th percentile 200, just the median before):
///   improved, 50 x 21 = 1050.
/// 5-6 at 08: before 200 x 21; now 150 x 11, 210 x 10 (75th percentile 210 above the median before): not improved.
/// 6-7: at 08 100 -> 200 (regressed, 2100), at 09 100 -> 140 (regressed, 840), at 16 300 -> 250 (improved, 1050).
/// 7-8 at 12 on Saturdays only: 100 -> 200, regressed, 2100.
/// 31 January and 28 February have a weekday leg 7-8 each (too few for statistics): those months are complete. March
/// has 3 March only: provisional.
/// </summary>
public sealed class ChangePondFixture() : SitePond(pond =>
{
    pond.StopsInALine(1, 8);
    void Add(DateOnly month, int localHour, int from, params (int Seconds, int Count)[] durations) =>
        pond.Add(Legs(month, DayType.Weekday, localHour, from, durations));

    Add(January, 8, 1, (100, 11), (130, 10));
    Add(February, 8, 1, (130, 22));
    pond.Add(Legs(February, DayType.Weekday, 8, 1, [(90, 25)], "SKY"));
    Add(January, 8, 2, (100, 11), (120, 5), (140, 5));
    Add(February, 8, 2, (129, 21));
    Add(January, 8, 3, (100, 11), (200, 10));
    Add(February, 8, 3, (140, 21));
    Add(January, 8, 4, (200, 21));
    Add(February, 8, 4, (150, 15), (200, 6));
    Add(January, 8, 5, (200, 21));
    Add(February, 8, 5, (150, 11), (210, 10));
    Add(January, 8, 6, (100, 21));
    Add(February, 8, 6, (200, 21));
    Add(January, 9, 6, (100, 21));
    Add(February, 9, 6, (140, 21));
    Add(January, 16, 6, (300, 21));
    Add(February, 16, 6, (250, 21));
    pond.Add(Legs(January, DayType.Saturday, 12, 7, [(100, 21)]));
    pond.Add(Legs(February, DayType.Saturday, 12, 7, [(200, 21)]));
    // A leg on the last days of January and February, which makes them complete, and one on 3 March: March has
    // data, but not its last day.
    foreach (var day in new DateOnly[] { new(2025, 1, 31), new(2025, 2, 28), new(2025, 3, 3) })
    {
        pond.Add(Journeys.OneLeg(day, $"J-{day:MMdd}", Journeys.Local(day, TimeSpan.FromHours(20)), "NSR:Quay:7", "NSR:Quay:8", 120));
    }
})
{
    /// <summary>Legs from stop <paramref name="from"/> to the next, leaving in the Oslo hour, spread over the month's days of the day type.</summary>
    private static IEnumerable<Call> Legs(DateOnly month, DayType dayType, int localHour, int from,
        IReadOnlyList<(int Seconds, int Count)> durations, string dataSource = "RUT")
    {
        var days = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month))
            .Select(month.AddDays)
            .Where(d => NorwegianCalendar.DayTypeOf(d) == dayType)
            .ToList();
        var seconds = durations.SelectMany(d => Enumerable.Repeat(d.Seconds, d.Count)).ToList();
        return seconds.SelectMany((duration, i) =>
        {
            var day = days[i % days.Count];
            var departure = Journeys.Local(day, new TimeSpan(localHour, 2 * (i / days.Count), 0));
            return Journeys.OneLeg(day, $"J-{dataSource}-{from}-{localHour}-{month:MM}-{i}", departure,
                $"NSR:Quay:{from}", $"NSR:Quay:{from + 1}", duration, lineRef: $"{dataSource}:Line:{from}", dataSource: dataSource);
        });
    }
}
