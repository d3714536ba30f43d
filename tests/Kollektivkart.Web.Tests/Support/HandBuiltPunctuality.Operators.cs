using Kollektivkart.Data.Calendar;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>An AtB line with too few observed departures in February that has no line page (no stretch with statistics).</summary>
    public const string Line71 = "ATB:Line:71";

    /// <summary>
    /// Rows the operators pages need beyond <see cref="Rows"/>: AtB's stops over the whole February weekday for the stops
    /// with the most very late departures (Solsiden's two lines add up to rank it between Lade and Torget; Ranheim has too
    /// few observed for a share; Ila has none very late), and a line with too few observed departures.
    /// </summary>
    public static readonly IReadOnlyList<PunctualityRow> OperatorPageRows =
    [
        new("stop_line", February, DayType.Weekday, null, P(300, 4, 6, 0, 200, 50, 40, 170, 360), "ATB", Line3, Stop: Lade),
        new("stop_line", February, DayType.Weekday, null, P(200, 2, 3, 0, 160, 20, 10, 120, 300), "ATB", Line3, Stop: Solsiden),
        new("stop_line", February, DayType.Weekday, null, P(150, 3, 2, 0, 110, 10, 25, 140, 330), "ATB", Line11, Stop: Solsiden),
        new("stop_line", February, DayType.Weekday, null, P(16, 0, 1, 0, 10, 2, 3, null, null), "ATB", Line11, Stop: Ranheim),
        new("stop_line", February, DayType.Weekday, null, P(90, 0, 2, 3, 85, 0, 0, 30, 90), "ATB", Line11, Stop: Ila),
        new("line", February, DayType.Weekday, null, TooFew, "ATB", Line71, Final: new(2, 2, 2, 0)),
    ];
}
