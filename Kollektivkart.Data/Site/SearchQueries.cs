using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>Stops and lines matching a search, each kind best match first.</summary>
public sealed record SearchResults(IReadOnlyList<Stop> Stops, IReadOnlyList<LineMatch> Lines)
{
    public static readonly SearchResults None = new([], []);

    public bool IsEmpty => Stops.Count == 0 && Lines.Count == 0;
}

/// <summary>A line found by a search, with the origin and destination of its busiest direction.</summary>
public sealed record LineMatch(
    string DataSource, string DataSourceName, string LineRef, string Label, string Origin, string Destination)
{
    /// <summary>"Ruter 31: Tonsenhagen – Fornebu".</summary>
    public string Description => $"{DataSourceName} {Label}: {Origin} – {Destination}";
}

/// <summary>The search box: stops by name, lines by label, lineRef, operator and terminus.</summary>
public static class SearchQueries
{
    /// <summary>Shorter text matches too much to be useful.</summary>
    public const int MinimumLength = 2;

    private static readonly string StopsSql = SqlScripts.Load("Site/search_stops.sql");
    private static readonly string LinesSql = SqlScripts.Load("Site/search_lines.sql");

    /// <summary>
    /// Up to <paramref name="limit"/> stops and up to <paramref name="limit"/> lines whose names contain
    /// <paramref name="text"/> (trimmed; case ignored; taken literally, '%' and '_' included).
    /// </summary>
    public static SearchResults Search(StatsDatabase db, string text, int limit)
    {
        var query = text.Trim();
        if (query.Length < MinimumLength || limit <= 0)
        {
            return SearchResults.None;
        }
        var stops = db.Query(StopsSql, r => (Stop: Stop.Read(r), Rank: r.GetInt32(r.GetOrdinal("rank")), Length: r.GetInt64(r.GetOrdinal("name_length"))),
                ("text", query), ("limit", limit))
            .OrderBy(s => s.Rank).ThenBy(s => s.Length).ThenBy(s => s.Stop.Name, NorwegianOrder.Names).ThenBy(s => s.Stop.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(s => s.Stop)
            .ToList();
        var lines = db.Query(LinesSql, r => (
                Line: new LineMatch(
                    r.GetString(r.GetOrdinal("dataSource")),
                    r.GetString(r.GetOrdinal("data_source_name")),
                    r.GetString(r.GetOrdinal("lineRef")),
                    r.GetString(r.GetOrdinal("label")),
                    r.GetString(r.GetOrdinal("origin")),
                    r.GetString(r.GetOrdinal("destination"))),
                Rank: r.GetInt32(r.GetOrdinal("rank")),
                Number: r.IsDBNull(r.GetOrdinal("line_number")) ? (long?)null : r.GetInt64(r.GetOrdinal("line_number"))),
            ("text", query), ("limit", limit));
        // Rank first, then as a line list: OrderBy is stable.
        var ordered = LineQueries.InListOrder(lines, l => new LineSummary(l.Line.DataSource, l.Line.LineRef, l.Line.Label), l => l.Number)
            .OrderBy(l => l.Rank);
        return new SearchResults(stops, [.. ordered.Take(limit).Select(l => l.Line)]);
    }
}
