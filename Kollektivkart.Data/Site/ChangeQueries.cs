using System.Data.Common;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Sql;

namespace Kollektivkart.Data.Site;

/// <summary>Which way a stretch changed in an hour (data-model.md section 7).</summary>
public enum ChangeKind
{
    Regressed,
    Improved,
}

/// <summary>
/// One hour of a changed stretch: its median, 75th percentile and legs in the month and in the baseline,
/// <see cref="Delta"/> (median now - median before, s) and <see cref="Impact"/> (|delta| x legs now, vehicle-seconds).
/// </summary>
public sealed record HourChange(
    int Hour, int Delta, long Impact, int Duration, int Quartile, long Count,
    int BaselineDuration, int BaselineQuartile, long BaselineCount);

/// <summary>A stretch that regressed or improved in one or more hours; <see cref="Impact"/> is the sum over those hours.</summary>
public sealed record StretchChange(
    string DataSource, string FromStopId, string ToStopId, string FromStop, string ToStop,
    double FromLat, double FromLon, double ToLat, double ToLon, double Lat, double Lon, int AirDistanceMeters,
    ChangeKind Kind, long Impact, IReadOnlyList<HourChange> Hours)
{
    public string Name => $"{FromStop} to {ToStop}";
}

/// <summary>What is compared: a month with a baseline on one day type, for every operator or one operator, line or stop.</summary>
public sealed record ChangeScope(
    DateOnly Month, DateOnly Baseline, DayType DayType,
    string? DataSource = null, string? LineRef = null, string? StopId = null);

/// <summary>Where stretches got slower or faster between two months (data-model.md section 7).</summary>
public static class ChangeQueries
{
    /// <summary>At most this many changed stretches (both kinds together, by impact) for all operators; an operator, line or stop gets all of its own.</summary>
    public const int Limit = 2000;

    private static readonly string ChangesSql = SqlScripts.Load("Site/changes.sql");
    private static readonly string MonthChangesSql = SqlScripts.Load("Site/month_changes.sql");

    /// <summary>The changed stretches, the largest impact first (regressions and improvements mixed).</summary>
    public static IReadOnlyList<StretchChange> Changes(StatsDatabase db, ChangeScope scope, int? limit = null) =>
        Changes(db, scope, limit, precomputed: scope.Baseline == scope.Month.AddMonths(-1));

    /// <summary>
    /// <paramref name="precomputed"/>: read month_changes, computed at publish for each month against the month before
    /// (the default baseline and every feed entry); otherwise compare the two months' leg_stats now.
    /// </summary>
    internal static IReadOnlyList<StretchChange> Changes(StatsDatabase db, ChangeScope scope, int? limit, bool precomputed)
    {
        (string, object?)[] parameters =
        [
            ("month", scope.Month), ("day_type", scope.DayType.Name()),
            ("data_source", scope.DataSource), ("line_ref", scope.LineRef), ("stop_id", scope.StopId),
            ("limit", limit ?? (scope.DataSource is null && scope.StopId is null ? Limit : null)),
        ];
        var rows = db.Query(precomputed ? MonthChangesSql : ChangesSql, r => (
                Stretch: new StretchChange(
                    r.GetString(r.GetOrdinal("data_source")),
                    r.GetString(r.GetOrdinal("from_stop_id")),
                    r.GetString(r.GetOrdinal("to_stop_id")),
                    r.GetString(r.GetOrdinal("from_stop")),
                    r.GetString(r.GetOrdinal("to_stop")),
                    r.GetDouble(r.GetOrdinal("from_lat")),
                    r.GetDouble(r.GetOrdinal("from_lon")),
                    r.GetDouble(r.GetOrdinal("to_lat")),
                    r.GetDouble(r.GetOrdinal("to_lon")),
                    r.GetDouble(r.GetOrdinal("lat")),
                    r.GetDouble(r.GetOrdinal("lon")),
                    r.GetInt32(r.GetOrdinal("air_distance_meters")),
                    r.GetString(r.GetOrdinal("kind")) == "regressed" ? ChangeKind.Regressed : ChangeKind.Improved,
                    r.GetInt64(r.GetOrdinal("stretch_impact")),
                    []),
                Hour: ReadHour(r)),
            precomputed ? parameters : [.. parameters, ("baseline", scope.Baseline)]);
        // Rows come a stretch at a time, its hours in order: gather each stretch's hours.
        var changes = new List<StretchChange>();
        var hours = new List<HourChange>();
        for (var i = 0; i < rows.Count; i++)
        {
            hours.Add(rows[i].Hour);
            var last = i == rows.Count - 1 || !SameStretch(rows[i].Stretch, rows[i + 1].Stretch);
            if (last)
            {
                changes.Add(rows[i].Stretch with { Hours = hours });
                hours = [];
            }
        }
        return changes;
    }

    private static bool SameStretch(StretchChange a, StretchChange b) =>
        a.DataSource == b.DataSource && a.FromStopId == b.FromStopId && a.ToStopId == b.ToStopId && a.Kind == b.Kind;

    private static HourChange ReadHour(DbDataReader r) => new(
        r.GetInt32(r.GetOrdinal("hour")),
        r.GetInt32(r.GetOrdinal("delta")),
        r.GetInt64(r.GetOrdinal("impact")),
        r.GetInt32(r.GetOrdinal("hourly_duration")),
        r.GetInt32(r.GetOrdinal("hourly_quartile")),
        r.GetInt64(r.GetOrdinal("hourly_count")),
        r.GetInt32(r.GetOrdinal("baseline_duration")),
        r.GetInt32(r.GetOrdinal("baseline_quartile")),
        r.GetInt64(r.GetOrdinal("baseline_count")));
}
