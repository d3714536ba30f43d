using DuckDB.NET.Data;
using Kollektivkart.Data.DuckDb;

namespace Kollektivkart.Data.Transforms;

/// <summary>
/// The shape of stats.db. <see cref="Version"/> goes up whenever a table is added or changed, so the
/// next run republishes a stats.db that an older build wrote (see <see cref="DerivationPlan"/>).
/// </summary>
public static class StatsDbSchema
{
    /// <summary>
    /// 2: stops, line_stretch, line_direction and schema_version added; 3: the view leg_stat_rows; 4: stop_delay and
    /// stop_day_delay, leg_stats summed per arriving stop for the stop pages; 5: those two as one stop_delay, a row per
    /// stop and month with its hours in a list; 6: day types (data-model.md section 6), a day_type column in leg_stats,
    /// leg_stat_rows and stop_delay; 7: hot_spots, month_changes, line_route and stop_lines, answers of the site's views
    /// computed at publish; 8: the macro change_kind, the rule of a change that the live changes query and month_changes
    /// share; 9: punctuality (data-model.md section 9): punctuality_operator, _line, _stop_line_direction, _stop_line and
    /// _stop, and punctuality_stop_names; 10: laid out for point lookups and built by month (issue 22): leg_stat_rows a
    /// table with its columns stored (leg_stats gone), integer stop and line keys (macros stop_key, line_key) that the big
    /// tables are ordered by within a month, and the tables a night needs to build on the one
    /// before: built_months, stop_months, month_stretches and punctuality_stop_months; 11: stretch_months, a stretch's
    /// month of a day type as one row, for the stretch page's lookups across every month.
    /// </summary>
    public const int Version = 11;

    /// <summary>Every table (and view) a stats.db of this version holds.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "leg_stat_rows", "datasources", "datasource_line", "stop_line", "arrivals_stats", "derived_from",
        "stops", "stop_months", "stop_delay", "month_stretches", "stretch_months", "line_stretch", "line_direction", "schema_version", "built_months",
        "hot_spots", "month_changes", "line_route", "stop_lines",
        "punctuality_operator", "punctuality_line", "punctuality_stop_line_direction", "punctuality_stop_line", "punctuality_stop",
        "punctuality_stop_months", "punctuality_stop_names",
    ];

    /// <summary>The version a stats.db records; null when it has no schema_version table (written before there was one).</summary>
    public static int? VersionOf(DuckDBConnection connection)
    {
        var hasTable = connection.Scalar<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'") > 0;
        return hasTable ? connection.Scalar<int?>("SELECT max(version) FROM schema_version") : null;
    }
}
