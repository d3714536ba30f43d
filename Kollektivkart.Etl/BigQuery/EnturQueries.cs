using System.Text.RegularExpressions;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>One of Entur's public tables (data-model.md section 1) and the raw table of raw_schema.sql it fills.</summary>
internal sealed record EnturTable(string Id, string RawTable, string? Filter = null);

/// <summary>
/// The three reads of Entur's public tables. Each selects the columns of its raw table that the
/// BigQuery table has now (a column Entur dropped is not asked for); the tables are billed to the
/// caller's project, by the columns selected.
/// </summary>
internal static partial class EnturQueries
{
    public static readonly EnturTable StopPlaces = new("ent-data-sharing-ext-prd.national_stop_registry.stop_places_last_version", "stops");

    public static readonly EnturTable Quays = new("ent-data-sharing-ext-prd.national_stop_registry.quays_last_version", "quays");

    /// <summary>One operating day; the table is partitioned by operatingDate, so only that day is scanned and billed.</summary>
    public static readonly EnturTable Arrivals = new(
        "ent-data-sharing-ext-prd.realtime_siri_et.realtime_siri_et_last_recorded", "arrivals", "operatingDate = @operating_date");

    public static string Select(EnturTable table, IEnumerable<string> columns) =>
        $"SELECT {string.Join(", ", columns.Select(Identifier))}\nFROM `{table.Id}`{(table.Filter is null ? "" : "\nWHERE " + table.Filter)}";

    public static QueryParameter OperatingDate(DateOnly day) => new("operating_date", "DATE", PondLayout.Format(day));

    /// <summary>Column names come from raw_schema.sql and BigQuery's schema; anything unusual is quoted.</summary>
    private static string Identifier(string name) => PlainName().IsMatch(name) ? name : "`" + name.Replace("`", "\\`", StringComparison.Ordinal) + "`";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
