using System.Globalization;
using System.Text.Json;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// One of the API's column-oriented frames: an object with an array per column, all of one length.
/// The field names the original front end reads are listed in design.md, "API compatibility".
/// </summary>
public sealed class ApiFrame
{
    public static readonly IReadOnlyList<string> LegStatFields =
    [
        "name", "from_stop", "to_stop", "data_source", "air_distance_meters", "lat", "lon", "rush_intensity",
        "hourly_quartile", "hourly_duration", "monthly_duration", "monthly_delay", "hourly_delay", "monthly_deviation",
        "hourly_deviation", "monthly_count", "hourly_count", "mean_hourly_duration", "mean_monthly_duration",
    ];

    public static readonly IReadOnlyList<string> ComparisonFields =
    [
        "name", "from_stop", "to_stop", "data_source", "net_change_seconds", "net_change_proportion", "net_change_pct",
        "air_distance_meters", "from_lat", "from_lon", "to_lat", "to_lon", "lat", "lon",
        .. new[] { "cur_", "prev_" }.SelectMany(p => new[]
        {
            "hourly_quartile", "hourly_duration", "hourly_delay", "hourly_deviation", "mean_hourly_duration", "hourly_count",
        }.Select(f => p + f)),
        "prev_monthly_count", "cur_month_count", "abs_net_change_proportion",
    ];

    /// <summary>The changes' frame: a row per changed hour of a stretch (data-model.md section 7), with stop ids to tell stretches apart.</summary>
    public static readonly IReadOnlyList<string> ChangeFields =
    [
        "name", "from_stop", "to_stop", "data_source", "kind", "stretch_impact", "hour", "delta_seconds", "impact",
        "hourly_duration", "hourly_quartile", "hourly_count", "baseline_hourly_duration", "baseline_hourly_quartile",
        "baseline_hourly_count", "air_distance_meters", "from_lat", "from_lon", "to_lat", "to_lon", "lat", "lon",
        "from_stop_id", "to_stop_id",
    ];

    private readonly Dictionary<string, JsonElement[]> _columns;

    private ApiFrame(IReadOnlyList<string> names, Dictionary<string, JsonElement[]> columns, int rows)
    {
        Names = names;
        _columns = columns;
        Count = rows;
    }

    /// <summary>The column names, in the order the JSON has them.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count { get; }

    /// <summary>Reads a frame and checks its shape: an array per column, every one as long, and every required field there.</summary>
    public static ApiFrame Parse(string json, IReadOnlyList<string> requiredFields)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        var names = new List<string>();
        var columns = new Dictionary<string, JsonElement[]>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            Assert.Equal(JsonValueKind.Array, property.Value.ValueKind);
            names.Add(property.Name);
            columns[property.Name] = property.Value.EnumerateArray().Select(e => e.Clone()).ToArray();
        }
        Assert.All(requiredFields, f => Assert.Contains(f, names));
        var lengths = columns.Values.Select(c => c.Length).Distinct().ToList();
        Assert.True(lengths.Count == 1, $"columns of different lengths: {string.Join(", ", columns.Select(c => $"{c.Key} {c.Value.Length}"))}");
        return new ApiFrame(names, columns, lengths[0]);
    }

    /// <summary>
    /// The rows turned round. The API's frames come mildest first, the original's order for map clients that draw the
    /// worst last; the pages' tables, CSV and map data list the same rows worst first.
    /// </summary>
    public ApiFrame WorstFirst() =>
        new(Names, _columns.ToDictionary(c => c.Key, c => c.Value.Reverse().ToArray()), Count);

    public string String(string column, int row) => _columns[column][row].GetString()!;

    public double Number(string column, int row) => _columns[column][row].GetDouble();

    public IEnumerable<string> Strings(string column) => Enumerable.Range(0, Count).Select(i => String(column, i));

    public IEnumerable<double> Numbers(string column) => Enumerable.Range(0, Count).Select(i => Number(column, i));

    /// <summary>A cell as CSV writes it: strings as they are, numbers in the invariant culture.</summary>
    public string Cell(string column, int row) => _columns[column][row] switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        var n => n.GetDouble().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The row of a stretch (by stop ids), or -1.</summary>
    public int RowOf(string dataSource, string fromStopId, string toStopId) =>
        Enumerable.Range(0, Count).FirstOrDefault(
            i => String("data_source", i) == dataSource && String("from_stop_id", i) == fromStopId && String("to_stop_id", i) == toStopId,
            -1);

    /// <summary>Each row's (from stop, to stop, data source), in order.</summary>
    public IReadOnlyList<(string From, string To, string DataSource)> Stretches() =>
        Enumerable.Range(0, Count).Select(i => (String("from_stop", i), String("to_stop", i), String("data_source", i))).ToList();
}
