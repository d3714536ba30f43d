using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>A line of an operator; the label is the part of its lineRef after the last ':' (RUT:Line:31 is 31).</summary>
public sealed record LineRef(string DataSource, string Ref, string Label);

/// <summary>The lists the selectors and the API offer.</summary>
public static class CatalogQueries
{
    private static readonly string LinesSql = SqlScripts.Load("Site/lines.sql");

    /// <summary>An operator's lines, by the number their ref ends with (refs without one last), then by label.</summary>
    public static IReadOnlyList<LineRef> Lines(StatsDatabase db, string dataSource) =>
        db.Query(LinesSql, r => new LineRef(r.GetString(0), r.GetString(1), r.GetString(2)), ("data_source", dataSource));
}
