using System.Data.Common;
using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>An operator: its code (dataSource) and its latest name.</summary>
public sealed record DataSource(string Code, string Name);

/// <summary>
/// What a stats.db covers, read once when it is opened: the months with statistics, the
/// operators, the operating dates and row counts. Small, immutable, shared by every request.
/// </summary>
public sealed record DataCatalog(
    IReadOnlyList<DateOnly> Months,
    IReadOnlyList<DataSource> DataSources,
    DateOnly? FirstDate,
    DateOnly? LastDate,
    long ArrivalsCount,
    long LegCount,
    long AggregatedCount,
    IReadOnlyList<DateOnly> CompleteMonths)
{
    /// <summary>A month is offered once it started at least 7 days ago: younger ones hold too few days to judge.</summary>
    public const int MinimumMonthAgeDays = 7;

    public IReadOnlyList<DateOnly> OfferedMonths(DateOnly today) =>
        Months.Where(m => m.AddDays(MinimumMonthAgeDays) <= today).ToList();

    /// <summary>Months with statistics not offered yet, each with the day it will be: younger than <see cref="MinimumMonthAgeDays"/> days.</summary>
    public IReadOnlyList<(DateOnly Month, DateOnly OfferedFrom)> PendingMonths(DateOnly today) =>
        Months.Where(m => m.AddDays(MinimumMonthAgeDays) > today).Select(m => (m, m.AddDays(MinimumMonthAgeDays))).ToList();

    public DateOnly? NewestMonth(DateOnly today) => OfferedMonths(today) is { Count: > 0 } months ? months[^1] : null;

    public bool Offers(DateOnly month, DateOnly today) => OfferedMonths(today).Contains(month);

    /// <summary>
    /// A month is provisional while stats.db holds no operating day of its last day (data-model.md section 7): it is still
    /// running, and its figures and changes can still change.
    /// </summary>
    public bool IsProvisional(DateOnly month) => !CompleteMonths.Contains(month);

    public DataSource? FindDataSource(string code) =>
        DataSources.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal));

    internal static DataCatalog Read(DuckDBConnection connection)
    {
        var months = ReadMonths(connection, "Site/months.sql");
        var sources = new List<DataSource>();
        using (var reader = connection.Query(SqlScripts.Load("Site/datasources.sql")))
        {
            while (reader.Read())
            {
                sources.Add(new DataSource(reader.GetString(0), reader.GetString(1)));
            }
        }
        sources.Sort((a, b) => NorwegianOrder.Names.Compare(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Code, b.Code));
        using var stats = connection.Query(SqlScripts.Load("Site/stats.sql"));
        stats.Read();
        return new DataCatalog(
            months,
            sources,
            NullableDate(stats, "min_date"),
            NullableDate(stats, "max_date"),
            stats.GetInt64(stats.GetOrdinal("total_arrivals")),
            stats.GetInt64(stats.GetOrdinal("total_legs")),
            stats.GetInt64(stats.GetOrdinal("aggregated_count")),
            ReadMonths(connection, "Site/complete_months.sql"));
    }

    private static List<DateOnly> ReadMonths(DuckDBConnection connection, string script)
    {
        var months = new List<DateOnly>();
        using var reader = connection.Query(SqlScripts.Load(script));
        while (reader.Read())
        {
            months.Add(reader.GetFieldValue<DateOnly>(0));
        }
        return months;
    }

    private static DateOnly? NullableDate(DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
    }
}
