using Kollektivkart.Data.Calendar;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>
    /// Rows the line and stop pages need beyond <see cref="Rows"/>: line 3 towards Ranheim over the whole day at Ila and
    /// Lade besides Torget (written out of route order), so the line page's whole-day table has a route to order.
    /// </summary>
    public static readonly IReadOnlyList<PunctualityRow> LineAndStopRows =
    [
        new("stop_line_direction", February, DayType.Weekday, null, P(280, 4, 6, 0, 200, 40, 30, 150, 330), "ATB", Line3, "Outbound", Lade, 9),
        new("stop_line_direction", February, DayType.Weekday, null, P(260, 2, 8, 20, 220, 10, 0, 20, 120), "ATB", Line3, "Outbound", Ila, 1),
    ];
}
