using System.Text.Json;

namespace Kollektivkart.Web.Display;

/// <summary>One series of a chart: bars or a line, values in seconds (null where there is no value).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Data, string Kind = "bar", string? Colour = null);

/// <summary>What charts.js draws with Chart.js, sent as a JSON block beside its canvas; the table beside it has the same numbers.</summary>
public sealed record ChartData(IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Datasets, string YLabel, string XLabel, string Type = "bar")
{
    /// <summary>The top of the value axis where it has one (100 for percentages); Chart.js picks it from the data otherwise.</summary>
    public double? YMax { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
