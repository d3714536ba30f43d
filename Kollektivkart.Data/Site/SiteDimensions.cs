using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>
/// The small tables pages look up by key, read whole once per stats.db: the stops (a stop page, a stretch page's two
/// ends, a stop's feed), the lines at each stop, each operator's lines (a line check on every map view with an
/// operator), each line's directions (a line page), each operator's stretch count and whole-day punctuality by month
/// (the operators page and an operator's), every stretch and the lines that ran it (a stretch page). A few thousand
/// rows each, so a lookup is a dictionary's, not a DuckDB query's 0.4-2.4 ms of parsing, planning and scanning. The
/// lists are in the order the per-key queries gave them (<see cref="LineQueries.InListOrder"/>), and
/// PrecomputedViewsTests compare each with its live query.
/// </summary>
internal sealed class SiteDimensions
{
    private static readonly string StopsSql = SqlScripts.Load("Site/stop.sql");
    private static readonly string StopLinesSql = SqlScripts.Load("Site/stop_lines.sql");
    private static readonly string StretchesSql = SqlScripts.Load("Site/stretches.sql");
    private static readonly string StretchLinesSql = SqlScripts.Load("Site/stretch_lines.sql");

    private static readonly IReadOnlyDictionary<string, int> NoStretches = new Dictionary<string, int>();

    private readonly Dictionary<string, Stop> _stops;
    private readonly Dictionary<string, IReadOnlyList<LineSummary>> _stopLines;
    private readonly Dictionary<string, IReadOnlyList<LineSummary>> _lines;
    private readonly Dictionary<(string DataSource, string LineRef), (Line Line, LineSummary Summary, long? Number)> _directions;
    private readonly Dictionary<(DateOnly Month, string DayType), IReadOnlyDictionary<string, int>> _operatorStretches;
    private readonly Dictionary<string, IReadOnlyList<OperatorMonth>> _operatorMonths;
    private readonly HashSet<(string From, string To)> _stretches;
    private readonly Dictionary<(string From, string To), IReadOnlyList<LineSummary>> _stretchLines;

    private SiteDimensions(StatsDatabase db)
    {
        _stops = db.Query(StopsSql, Site.Stop.Read).ToDictionary(s => s.Id, StringComparer.Ordinal);
        _stopLines = ByKey(db.Query(StopLinesSql, r => (Key: r.GetString(r.GetOrdinal("stop_id")), Line: LineQueries.ReadNumbered(r))));
        _directions = LineQueries.ReadAll(db).ToDictionary(l => (l.Line.DataSource, l.Line.LineRef));
        _lines = ByKey(_directions.Values.Select(l => (l.Summary.DataSource, (l.Summary, l.Number))));
        _operatorStretches = OperatorQueries.ReadAllStretches(db);
        _operatorMonths = PunctualityQueries.ReadAllOperatorMonths(db)
            .GroupBy(m => m.DayType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<OperatorMonth> (g) => g.Select(m => m.Month).ToList(), StringComparer.Ordinal);
        // Stop ids repeat in every stretch and line of a stop: one string each.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string id) => ids.TryGetValue(id, out var one) ? one : ids[id] = id;
        _stretches = [.. db.Query(StretchesSql, r => (Id(r.GetString(r.GetOrdinal("from_stop_id"))), Id(r.GetString(r.GetOrdinal("to_stop_id")))))];
        _stretchLines = db.Query(StretchLinesSql, r => (
                From: Id(r.GetString(r.GetOrdinal("from_stop_id"))), To: Id(r.GetString(r.GetOrdinal("to_stop_id"))),
                Line: Listed(r.GetString(r.GetOrdinal("dataSource")), r.GetString(r.GetOrdinal("lineRef")))))
            .Where(r => r.Line is not null)
            .GroupBy(r => (r.From, r.To))
            .ToDictionary(g => g.Key, IReadOnlyList<LineSummary> (g) =>
                [.. LineQueries.InListOrder(g.Select(r => (r.Line!.Value.Summary, r.Line.Value.Number))).OrderBy(l => l.DataSource, StringComparer.Ordinal)]);
    }

    internal static SiteDimensions Read(StatsDatabase db) => new(db);

    public Stop? Stop(string? stopId) => stopId is null ? null : _stops.GetValueOrDefault(stopId);

    public IReadOnlyList<LineSummary> StopLines(string? stopId) => (stopId is null ? null : _stopLines.GetValueOrDefault(stopId)) ?? [];

    public IReadOnlyList<LineSummary> Lines(string? dataSource) => (dataSource is null ? null : _lines.GetValueOrDefault(dataSource)) ?? [];

    /// <summary>How many stretches each operator has that month and day type (none: absent).</summary>
    public IReadOnlyDictionary<string, int> OperatorStretches(DateOnly month, DayType dayType) =>
        _operatorStretches.GetValueOrDefault((month, dayType.Name())) ?? NoStretches;

    /// <summary>Every operator's whole-day figures of each month of the day type, by operator, then month.</summary>
    public IReadOnlyList<OperatorMonth> OperatorMonths(DayType dayType) => _operatorMonths.GetValueOrDefault(dayType.Name()) ?? [];

    /// <summary>Whether the stretch has statistics in some month.</summary>
    public bool HasStretch(string fromStopId, string toStopId) => _stretches.Contains((fromStopId, toStopId));

    /// <summary>The lines that ran the stretch, by operator, then as in a line list.</summary>
    public IReadOnlyList<LineSummary> StretchLines(string fromStopId, string toStopId) => _stretchLines.GetValueOrDefault((fromStopId, toStopId)) ?? [];

    /// <summary>A line with stretches, so with a line page, and its directions; null for any other.</summary>
    public Line? Line(string? dataSource, string? lineRef) => dataSource is null || lineRef is null ? null : Listed(dataSource, lineRef)?.Line;

    private (Line Line, LineSummary Summary, long? Number)? Listed(string dataSource, string lineRef) =>
        _directions.TryGetValue((dataSource, lineRef), out var line) ? line : null;

    private static Dictionary<string, IReadOnlyList<LineSummary>> ByKey(IEnumerable<(string Key, (LineSummary Line, long? Number) Line)> rows) =>
        rows.GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => LineQueries.InListOrder(g.Select(r => r.Line)), StringComparer.Ordinal);
}
