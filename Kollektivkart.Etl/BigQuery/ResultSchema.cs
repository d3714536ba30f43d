using System.Text.Json;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>One field of a query result's <c>schema</c>; RECORD fields have <see cref="Fields"/>.</summary>
public sealed record BigQueryField(string Name, string Type, string Mode, IReadOnlyList<BigQueryField> Fields)
{
    public bool IsRepeated => Mode == "REPEATED";

    public bool IsRecord => Type is "RECORD" or "STRUCT";

    /// <summary>The standard-SQL name: results say INTEGER, FLOAT and BOOLEAN where queries say INT64, FLOAT64 and BOOL.</summary>
    public string StandardType => Type switch
    {
        "INTEGER" => "INT64",
        "FLOAT" => "FLOAT64",
        "BOOLEAN" => "BOOL",
        "STRUCT" => "RECORD",
        _ => Type,
    };

    /// <summary>The field's type as BigQuery names it: <c>INT64</c>, <c>REPEATED RECORD(nameType STRING, name STRING)</c>.</summary>
    public string Describe() =>
        (IsRepeated ? "REPEATED " : "") + (IsRecord ? $"RECORD({string.Join(", ", Fields.Select(f => f.Name + " " + f.Describe()))})" : StandardType);

    public static IReadOnlyList<BigQueryField> ParseAll(JsonElement schema) =>
        schema.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
            ? fields.EnumerateArray().Select(Parse).ToList()
            : [];

    private static BigQueryField Parse(JsonElement field) => new(
        field.GetProperty("name").GetString() ?? "",
        (field.TryGetProperty("type", out var type) ? type.GetString() : null)?.ToUpperInvariant() ?? "STRING",
        (field.TryGetProperty("mode", out var mode) ? mode.GetString() : null)?.ToUpperInvariant() ?? "NULLABLE",
        field.TryGetProperty("fields", out var nested) && nested.ValueKind == JsonValueKind.Array
            ? nested.EnumerateArray().Select(Parse).ToList()
            : []);
}

/// <summary>
/// One page of query results as BigQuery sent it: <c>rows</c> of <c>{"f":[{"v":...}]}</c> typed by
/// <see cref="Schema"/>. Valid only during the callback that receives it.
/// </summary>
public sealed record ResultPage(IReadOnlyList<BigQueryField> Schema, JsonElement Rows, int RowCount);
