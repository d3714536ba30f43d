using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>
    /// The punctuality map's own hour: <see cref="MapRankedStops"/> generated stops with a share (more than the table's first
    /// 100) and <see cref="MapTooFewStops"/> without, all operators (the same figures for their whole day); and AtB at Torget
    /// (lines 3 and 11, added up) and Lade (line 3).
    /// </summary>
    public const int MapHour = 6;

    public const int MapRankedStops = 104;
    public const int MapTooFewStops = 2;

    /// <summary>
    /// A generated stop of the map hour: <c>Kart 000</c> to <c>Kart 105</c>, near Oslo. The first <see cref="MapRankedStops"/>
    /// have 40 + i observed, of which 20 + (i * 7) % 20 on time; the rest have 10 observed.
    /// </summary>
    public static Stop MapStop(int i) =>
        new($"NSR:StopPlace:{6000 + i}", $"Kart {i:000}", 59.80 + i * 0.002, 10.60 + i * 0.003);

    public static PunctualityFigures MapStopFigures(int i) => i < MapRankedStops
        ? P(45 + i, 2, 3, 5, 20 + (i * 7) % 20, 15 + i - (i * 7) % 20, 0, 60 + i, 200 + i)
        : P(15, 1, 4, 0, 8, 1, 1, null, null);

    /// <summary>Rows the punctuality map and the API need beyond <see cref="Rows"/>.</summary>
    public static readonly IReadOnlyList<PunctualityRow> MapRows =
    [
        .. Enumerable.Range(0, MapRankedStops + MapTooFewStops)
            .Select(i => new PunctualityRow("stop", February, DayType.Weekday, MapHour, MapStopFigures(i), Stop: MapStop(i))),
        // A stop's name and position are read from its whole-day row, which every stop with departures has.
        .. Enumerable.Range(0, MapRankedStops + MapTooFewStops)
            .Select(i => new PunctualityRow("stop", February, DayType.Weekday, null, MapStopFigures(i), Stop: MapStop(i))),
        new("stop", February, DayType.Weekday, MapHour, P(60, 1, 2, 1, 45, 8, 3, 100, 280), Stop: Torget),
        new("stop", February, DayType.Weekday, MapHour, P(30, 0, 1, 0, 12, 9, 8, 250, 520), Stop: Lade),
        new("stop_line", February, DayType.Weekday, MapHour, P(40, 1, 1, 1, 30, 6, 1, 110, 290), "ATB", Line3, Stop: Torget),
        new("stop_line", February, DayType.Weekday, MapHour, P(20, 0, 1, 0, 15, 2, 2, 90, 260), "ATB", Line11, Stop: Torget),
        new("stop_line", February, DayType.Weekday, MapHour, P(30, 0, 1, 0, 12, 9, 8, 250, 520), "ATB", Line3, Stop: Lade),
    ];
}
