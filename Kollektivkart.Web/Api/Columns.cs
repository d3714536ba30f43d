using System.Text.Json;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Api;

/// <summary>
/// A named column of a row type: a string or a number per row, for the JSON frames and the CSV downloads; null (JSON
/// null, an empty CSV cell) where a figure is not shown, as punctuality's below 20 observed departures.
/// </summary>
public sealed record Column<T>(string Name, Func<T, object?> Value);

/// <summary>One hour of a changed stretch: the grain of the changes' API and CSV.</summary>
public sealed record ChangeHourRow(StretchChange Stretch, HourChange Hour)
{
    public static IReadOnlyList<ChangeHourRow> Of(IEnumerable<StretchChange> changes) =>
        changes.SelectMany(c => c.Hours.Select(h => new ChangeHourRow(c, h))).ToList();
}

/// <summary>The columns of the original API, in its order, plus stop ids (extra columns do no harm).</summary>
public static class Columns
{
    public static readonly IReadOnlyList<Column<LegStatRow>> LegStats =
    [
        new Column<LegStatRow>("name", r => r.Name),
        new Column<LegStatRow>("from_stop", r => r.FromStop),
        new Column<LegStatRow>("to_stop", r => r.ToStop),
        new Column<LegStatRow>("data_source", r => r.DataSource),
        new Column<LegStatRow>("air_distance_meters", r => r.AirDistanceMeters),
        new Column<LegStatRow>("from_lat", r => r.FromLat),
        new Column<LegStatRow>("from_lon", r => r.FromLon),
        new Column<LegStatRow>("to_lat", r => r.ToLat),
        new Column<LegStatRow>("to_lon", r => r.ToLon),
        new Column<LegStatRow>("lat", r => r.Lat),
        new Column<LegStatRow>("lon", r => r.Lon),
        new Column<LegStatRow>("rush_intensity", r => r.RushIntensity),
        new Column<LegStatRow>("hourly_quartile", r => r.HourlyQuartile),
        new Column<LegStatRow>("hourly_duration", r => r.HourlyDuration),
        new Column<LegStatRow>("monthly_duration", r => r.MonthlyDuration),
        new Column<LegStatRow>("monthly_delay", r => r.MonthlyDelay),
        new Column<LegStatRow>("hourly_delay", r => r.HourlyDelay),
        new Column<LegStatRow>("monthly_deviation", r => r.MonthlyDeviation),
        new Column<LegStatRow>("hourly_deviation", r => r.HourlyDeviation),
        new Column<LegStatRow>("monthly_count", r => r.MonthlyCount),
        new Column<LegStatRow>("hourly_count", r => r.HourlyCount),
        new Column<LegStatRow>("mean_hourly_duration", r => r.MeanHourlyDuration),
        new Column<LegStatRow>("mean_monthly_duration", r => r.MeanMonthlyDuration),
        new Column<LegStatRow>("from_stop_id", r => r.FromStopId),
        new Column<LegStatRow>("to_stop_id", r => r.ToStopId),
    ];

    public static readonly IReadOnlyList<Column<ComparisonRow>> Comparison =
    [
        new Column<ComparisonRow>("name", r => r.Name),
        new Column<ComparisonRow>("from_stop", r => r.FromStop),
        new Column<ComparisonRow>("to_stop", r => r.ToStop),
        new Column<ComparisonRow>("data_source", r => r.DataSource),
        new Column<ComparisonRow>("net_change_seconds", r => r.NetChangeSeconds),
        new Column<ComparisonRow>("net_change_proportion", r => r.NetChangeProportion),
        new Column<ComparisonRow>("net_change_pct", r => r.NetChangePct),
        new Column<ComparisonRow>("air_distance_meters", r => r.AirDistanceMeters),
        new Column<ComparisonRow>("from_lat", r => r.FromLat),
        new Column<ComparisonRow>("from_lon", r => r.FromLon),
        new Column<ComparisonRow>("to_lat", r => r.ToLat),
        new Column<ComparisonRow>("to_lon", r => r.ToLon),
        new Column<ComparisonRow>("lat", r => r.Lat),
        new Column<ComparisonRow>("lon", r => r.Lon),
        .. Period("cur_", r => r.Current, "cur_month_count"),
        .. Period("prev_", r => r.Previous, "prev_monthly_count"),
        new Column<ComparisonRow>("from_stop_id", r => r.FromStopId),
        new Column<ComparisonRow>("to_stop_id", r => r.ToStopId),
        // The original's field, what its API is ordered by.
        new Column<ComparisonRow>("abs_net_change_proportion", r => Math.Abs(r.NetChangeProportion)),
    ];

    private static Column<ComparisonRow>[] Period(string prefix, Func<ComparisonRow, ComparisonPeriod> side, string monthlyCount) =>
    [
        new Column<ComparisonRow>(prefix + "hourly_quartile", r => side(r).HourlyQuartile),
        new Column<ComparisonRow>(prefix + "hourly_duration", r => side(r).HourlyDuration),
        new Column<ComparisonRow>(prefix + "hourly_delay", r => side(r).HourlyDelay),
        new Column<ComparisonRow>(prefix + "hourly_deviation", r => side(r).HourlyDeviation),
        new Column<ComparisonRow>(prefix + "mean_hourly_duration", r => side(r).MeanHourlyDuration),
        new Column<ComparisonRow>(prefix + "hourly_count", r => side(r).HourlyCount),
        new Column<ComparisonRow>(monthlyCount, r => side(r).MonthlyCount),
    ];

    /// <summary>
    /// A row per hour of a changed stretch, the stretches in rank order (largest <c>stretch_impact</c> first): <c>kind</c>
    /// (regressed or improved), <c>delta_seconds</c> (median now - median before), <c>impact</c> (|delta| x legs now,
    /// vehicle-seconds) and the stretch's sum <c>stretch_impact</c>, with the medians, 75th percentiles and legs of both months.
    /// </summary>
    public static readonly IReadOnlyList<Column<ChangeHourRow>> Changes =
    [
        new Column<ChangeHourRow>("name", r => r.Stretch.Name),
        new Column<ChangeHourRow>("from_stop", r => r.Stretch.FromStop),
        new Column<ChangeHourRow>("to_stop", r => r.Stretch.ToStop),
        new Column<ChangeHourRow>("data_source", r => r.Stretch.DataSource),
        new Column<ChangeHourRow>("kind", r => r.Stretch.Kind == ChangeKind.Regressed ? "regressed" : "improved"),
        new Column<ChangeHourRow>("stretch_impact", r => r.Stretch.Impact),
        new Column<ChangeHourRow>("hour", r => r.Hour.Hour),
        new Column<ChangeHourRow>("delta_seconds", r => r.Hour.Delta),
        new Column<ChangeHourRow>("impact", r => r.Hour.Impact),
        new Column<ChangeHourRow>("hourly_duration", r => r.Hour.Duration),
        new Column<ChangeHourRow>("hourly_quartile", r => r.Hour.Quartile),
        new Column<ChangeHourRow>("hourly_count", r => r.Hour.Count),
        new Column<ChangeHourRow>("baseline_hourly_duration", r => r.Hour.BaselineDuration),
        new Column<ChangeHourRow>("baseline_hourly_quartile", r => r.Hour.BaselineQuartile),
        new Column<ChangeHourRow>("baseline_hourly_count", r => r.Hour.BaselineCount),
        new Column<ChangeHourRow>("air_distance_meters", r => r.Stretch.AirDistanceMeters),
        new Column<ChangeHourRow>("from_lat", r => r.Stretch.FromLat),
        new Column<ChangeHourRow>("from_lon", r => r.Stretch.FromLon),
        new Column<ChangeHourRow>("to_lat", r => r.Stretch.ToLat),
        new Column<ChangeHourRow>("to_lon", r => r.Stretch.ToLon),
        new Column<ChangeHourRow>("lat", r => r.Stretch.Lat),
        new Column<ChangeHourRow>("lon", r => r.Stretch.Lon),
        new Column<ChangeHourRow>("from_stop_id", r => r.Stretch.FromStopId),
        new Column<ChangeHourRow>("to_stop_id", r => r.Stretch.ToStopId),
    ];

    /// <summary>One JSON object with an array per column, all of the rows' length.</summary>
    public static void WriteFrame<T>(Utf8JsonWriter writer, IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows)
    {
        writer.WriteStartObject();
        foreach (var column in columns)
        {
            writer.WriteStartArray(column.Name);
            foreach (var row in rows)
            {
                switch (column.Value(row))
                {
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case double number:
                        writer.WriteNumberValue(number);
                        break;
                    case int number:
                        writer.WriteNumberValue(number);
                        break;
                    case long number:
                        writer.WriteNumberValue(number);
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    case var other:
                        throw new InvalidOperationException($"Column {column.Name} holds a {other.GetType().Name}.");
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
