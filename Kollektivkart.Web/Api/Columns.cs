using System.Text.Json;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Api;

/// <summary>A named column of a row type: a string or a number per row, for the JSON frames and the CSV downloads.</summary>
public sealed record Column<T>(string Name, Func<T, object> Value);

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
                    case var other:
                        throw new InvalidOperationException($"Column {column.Name} holds a {other.GetType().Name}.");
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
