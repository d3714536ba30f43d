using DuckDB.NET.Data;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Site;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// One row of a stats.db punctuality table (data-model.md section 9): <see cref="Grain"/> names the table, the keys it has
/// are set, <see cref="Hour"/> null is the whole day. As the real build does, percentiles are null below 20 observed.
/// </summary>
public sealed record PunctualityRow(
    string Grain, DateOnly Month, DayType DayType, int? Hour, PunctualityFigures Figures,
    string? DataSource = null, string? LineRef = null, string? Direction = null, Stop? Stop = null, int Position = 0,
    FinalArrivals? Final = null);

/// <summary>
/// The hand-built stats.db's punctuality rows, mostly AtB in February on weekdays at <see cref="HandBuiltStatsDb.PageHour"/>
/// and for the whole day. <see cref="WorkedExample"/> is data-model.md section 9's example, at Torget on line 3 towards
/// Ranheim; line 11 at Torget has fewer than 20 observed departures at that hour (a dash); Skyss has too few all month.
/// </summary>
public static partial class HandBuiltPunctuality
{
    public const string Line3 = "ATB:Line:3";
    public const string Line11 = "ATB:Line:11";

    /// <summary>30 planned, 2 cancelled, 3 unknown, 25 observed: 1 early, 21 on time, 2 late, 1 very late; 84 % on time, 7.4 % cancelled.</summary>
    public static readonly PunctualityFigures WorkedExample = new(30, 2, 25, 3, 1, 21, 2, 1, 95, 240);

    /// <summary>Below 20 observed: shares and percentiles are a dash.</summary>
    public static readonly PunctualityFigures TooFew = new(14, 1, 12, 1, 0, 11, 1, 0, null, null);

    private static PunctualityFigures P(int planned, int cancelled, int unknown, int early, int onTime, int late, int veryLate, int? median, int? p90) =>
        new(planned, cancelled, early + onTime + late + veryLate, unknown, early, onTime, late, veryLate, median, p90);

    /// <summary>Every row the hand-built stats.db holds: these, and each page's own (in the partial files beside this one).</summary>
    public static IEnumerable<PunctualityRow> All => Rows.Concat(OperatorPageRows).Concat(LineAndStopRows).Concat(MapRows);

    public static readonly IReadOnlyList<PunctualityRow> Rows =
    [
        // Operators, the whole day and at the page hour; January for a trend.
        new("operator", February, DayType.Weekday, null, P(1000, 20, 30, 40, 800, 70, 40, 95, 260), "ATB", Final: new(200, 170, 190, 4)),
        new("operator", February, DayType.Weekday, PageHour, P(100, 2, 3, 4, 75, 10, 6, 110, 320), "ATB", Final: new(20, 15, 18, 1)),
        new("operator", January, DayType.Weekday, null, P(900, 9, 11, 30, 760, 60, 30, 90, 240), "ATB", Final: new(180, 160, 175, 2)),
        new("operator", February, DayType.Saturday, null, P(300, 12, 8, 10, 200, 40, 30, 160, 380), "ATB", Final: new(60, 40, 50, 3)),
        new("operator", February, DayType.Weekday, null, P(2000, 10, 10, 100, 1700, 120, 60, 80, 230), "RUT", Final: new(400, 380, 395, 2)),
        new("operator", January, DayType.Weekday, null, P(1900, 5, 5, 90, 1650, 100, 50, 78, 220), "RUT", Final: new(380, 360, 375, 1)),
        new("operator", February, DayType.Weekday, null, TooFew, "SKY", Final: new(3, 3, 3, 0)),

        // AtB's lines: line 3 runs late, line 11 mostly on time.
        new("line", February, DayType.Weekday, null, P(700, 15, 15, 30, 540, 60, 40, 105, 290), "ATB", Line3, Final: new(150, 125, 140, 3)),
        new("line", February, DayType.Weekday, null, P(300, 5, 15, 10, 260, 10, 0, 60, 150), "ATB", Line11, Final: new(50, 45, 50, 1)),
        new("line", February, DayType.Weekday, PageHour, P(70, 2, 2, 3, 50, 8, 5, 120, 330), "ATB", Line3, Final: new(15, 12, 14, 1)),
        new("line", February, DayType.Weekday, PageHour, P(30, 0, 1, 1, 25, 3, 0, 70, 170), "ATB", Line11, Final: new(5, 5, 5, 0)),
        new("line", January, DayType.Weekday, null, P(650, 6, 4, 20, 560, 40, 20, 85, 230), "ATB", Line3, Final: new(140, 125, 135, 1)),

        // Line 3 stop by stop at the page hour, towards Ranheim (it starts to run late after Torget) and towards Ila.
        new("stop_line_direction", February, DayType.Weekday, PageHour, TooFew, "ATB", Line3, "Outbound", Ila, 1),
        new("stop_line_direction", February, DayType.Weekday, PageHour, P(40, 0, 0, 2, 36, 2, 0, 45, 150), "ATB", Line3, "Outbound", PrinsensGate, 3),
        new("stop_line_direction", February, DayType.Weekday, PageHour, WorkedExample, "ATB", Line3, "Outbound", Torget, 5),
        new("stop_line_direction", February, DayType.Weekday, PageHour, P(40, 1, 1, 0, 28, 6, 4, 140, 310), "ATB", Line3, "Outbound", Solsiden, 7),
        new("stop_line_direction", February, DayType.Weekday, PageHour, P(40, 1, 1, 0, 22, 8, 8, 170, 360), "ATB", Line3, "Outbound", Lade, 9),
        new("stop_line_direction", February, DayType.Weekday, PageHour, P(35, 0, 1, 1, 30, 2, 1, 50, 160), "ATB", Line3, "Inbound", Ranheim, 1),
        new("stop_line_direction", February, DayType.Weekday, PageHour, P(35, 0, 1, 0, 28, 4, 2, 80, 220), "ATB", Line3, "Inbound", Torget, 7),
        new("stop_line_direction", February, DayType.Weekday, null, P(300, 5, 5, 10, 250, 20, 10, 70, 200), "ATB", Line3, "Outbound", Torget, 5),

        // Torget's lines, the whole day and at the page hour, weekdays and Saturdays.
        new("stop_line", February, DayType.Weekday, PageHour, P(65, 2, 4, 1, 49, 6, 3, 90, 240), "ATB", Line3, Stop: Torget),
        new("stop_line", February, DayType.Weekday, PageHour, TooFew, "ATB", Line11, Stop: Torget),
        new("stop_line", February, DayType.Weekday, null, P(600, 10, 10, 20, 500, 40, 30, 75, 210), "ATB", Line3, Stop: Torget),
        new("stop_line", February, DayType.Weekday, null, P(150, 2, 3, 5, 135, 5, 0, 50, 140), "ATB", Line11, Stop: Torget),
        new("stop_line", February, DayType.Saturday, PageHour, P(30, 1, 4, 1, 15, 5, 4, 200, 420), "ATB", Line3, Stop: Torget),
        new("stop_line", February, DayType.Saturday, null, P(200, 6, 4, 5, 140, 30, 15, 150, 380), "ATB", Line3, Stop: Torget),

        // Stops on the map and Torget by hour and day type.
        new("stop", February, DayType.Weekday, null, P(750, 12, 13, 25, 635, 45, 30, 72, 205), Stop: Torget),
        new("stop", February, DayType.Weekday, PageHour, P(79, 3, 5, 1, 60, 7, 3, 88, 235), Stop: Torget),
        new("stop", February, DayType.Weekday, OtherPageHour, P(60, 0, 2, 2, 54, 2, 0, 40, 120), Stop: Torget),
        new("stop", February, DayType.Saturday, null, P(200, 6, 4, 5, 140, 30, 15, 150, 380), Stop: Torget),
        new("stop", February, DayType.Saturday, PageHour, P(30, 1, 4, 1, 15, 5, 4, 200, 420), Stop: Torget),
        new("stop", February, DayType.Sunday, null, P(120, 1, 2, 4, 105, 6, 2, 60, 180), Stop: Torget),
        new("stop", February, DayType.Sunday, PageHour, P(24, 0, 1, 1, 21, 1, 0, 50, 150), Stop: Torget),
        new("stop", February, DayType.Weekday, null, P(400, 2, 3, 10, 380, 8, 2, 45, 140), Stop: PrinsensGate),
        new("stop", February, DayType.Weekday, PageHour, P(40, 0, 0, 2, 36, 2, 0, 45, 150), Stop: PrinsensGate),
        new("stop", February, DayType.Weekday, null, P(300, 4, 6, 0, 200, 50, 40, 170, 360), Stop: Lade),
        new("stop", February, DayType.Weekday, PageHour, P(40, 1, 1, 0, 22, 8, 8, 170, 360), Stop: Lade),
        new("stop", February, DayType.Weekday, null, P(100, 0, 1, 0, 60, 10, 29, 150, 400), Stop: Ila),
        new("stop", February, DayType.Weekday, PageHour, TooFew, Stop: Ila),
        new("stop", February, DayType.Weekday, null, P(250, 1, 4, 5, 215, 20, 5, 60, 190), Stop: Ranheim),
        new("stop", February, DayType.Weekday, PageHour, P(35, 0, 1, 1, 30, 2, 1, 50, 160), Stop: Ranheim),
        new("stop", February, DayType.Weekday, null, P(350, 5, 5, 0, 260, 50, 30, 140, 310), Stop: Solsiden),
        new("stop", February, DayType.Weekday, PageHour, P(40, 1, 1, 0, 28, 6, 4, 140, 310), Stop: Solsiden),
        new("stop", February, DayType.Weekday, null, P(500, 3, 2, 20, 450, 20, 5, 50, 170), Stop: Alfa),
        new("stop", February, DayType.Weekday, PageHour, P(50, 0, 0, 1, 47, 2, 0, 40, 120), Stop: Alfa),
    ];

    /// <summary>Writes <paramref name="rows"/> into the punctuality tables of <paramref name="db"/> (their DDL is the real stats.db's).</summary>
    public static void Insert(DuckDBConnection db, IEnumerable<PunctualityRow> rows)
    {
        foreach (var row in rows)
        {
            var f = row.Figures;
            var columns = new List<(string Name, object? Value)>
            {
                ("month", row.Month), ("day_type", row.DayType.Name()), ("hour", row.Hour),
                ("planned", f.Planned), ("cancelled", f.Cancelled), ("observed", f.Observed), ("unknown", f.Unknown),
                ("early", f.Early), ("on_time", f.OnTime), ("late", f.Late), ("very_late", f.VeryLate),
                ("median_delay", f.Shown ? f.MedianDelay : null), ("p90_delay", f.Shown ? f.P90Delay : null),
            };
            if (row.DataSource is not null)
            {
                columns.Add(("data_source", row.DataSource));
            }
            if (row.LineRef is not null)
            {
                columns.Add(("line_ref", row.LineRef));
                if (row.Grain is "line" or "stop_line_direction")
                {
                    columns.Add(("line_key", StatsKeys.Line(row.LineRef)));
                }
            }
            if (row.Stop is { } stop)
            {
                columns.Add(("stop_id", stop.Id));
                if (row.Grain is "stop_line" or "stop")
                {
                    columns.Add(("stop_key", StatsKeys.Stop(stop.Id)));
                }
                if (row.Grain == "stop")
                {
                    db.Execute("""
                        INSERT INTO punctuality_stop_names (stop_id, name, lat, lon)
                        SELECT $id, $name, $lat, $lon WHERE NOT EXISTS (FROM punctuality_stop_names WHERE stop_id = $id)
                        """, ("id", stop.Id), ("name", stop.Name), ("lat", stop.Lat), ("lon", stop.Lon));
                }
            }
            if (row.Grain == "stop_line_direction")
            {
                columns.AddRange([("direction", row.Direction), ("position", row.Position)]);
            }
            if (row.Final is { } final)
            {
                columns.AddRange([
                    ("final_observed", final.Observed), ("arrived_within_3_59", final.Within3Minutes59),
                    ("arrived_within_5_59", final.Within5Minutes59), ("journeys_cancelled", final.JourneysCancelled)]);
            }
            db.Execute(
                $"INSERT INTO punctuality_{row.Grain} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                $"VALUES ({string.Join(", ", columns.Select(c => "$" + c.Name))})",
                [.. columns]);
        }
    }
}
