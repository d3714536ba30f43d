using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>
/// A line at a stop, labelled as line lists label it, at one hour (<see cref="Hour"/>) or over the whole day (null);
/// <see cref="HasPage"/> is false for a line without stretches, which has no line page.
/// </summary>
public sealed record StopLineFigures(LineSummary Line, bool HasPage, int? Hour, PunctualityFigures Figures);

public static partial class PunctualityQueries
{
    private static readonly string StopLinesLabelledSql = SqlScripts.Load("Site/Punctuality/stop_lines_labelled.sql");

    /// <summary>
    /// The lines with departures from a stop that month and day type, at <paramref name="hour"/> and over the whole day
    /// (one query for a stop page's two tables), each in the order of a line list.
    /// </summary>
    public static IReadOnlyList<StopLineFigures> StopLinesLabelled(StatsDatabase db, string stopId, DateOnly month, DayType dayType, int hour) =>
        [.. LineQueries.InListOrder(
            db.Query(StopLinesLabelledSql,
                r =>
                {
                    var (line, number) = LineQueries.ReadNumbered(r);
                    var hasPage = db.Dimensions.Line(line.DataSource, line.LineRef) is not null;
                    return (Figures: new StopLineFigures(line, hasPage, Hour(r), PunctualityFigures.Read(r)), Number: number);
                },
                ("stop_id", stopId), ("stop_key", StatsKeys.Stop(stopId)), ("month", month), ("day_type", dayType.Name()), ("hour", hour)),
            f => f.Figures.Line, f => f.Number)
            .Select(f => f.Figures)];
}
