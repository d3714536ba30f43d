using System.Globalization;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// A column's type as raw_schema.sql declares it (DuckDB's information_schema spelling): a scalar, a
/// STRUCT of named fields, or a list of an element type.
/// </summary>
internal sealed record RawType(string Scalar, IReadOnlyList<(string Name, RawType Type)> Fields, RawType? Element)
{
    public bool IsList => Element is not null;

    public bool IsStruct => Scalar == "STRUCT";

    public bool IsNested => IsList || IsStruct;

    /// <summary>Parses <c>VARCHAR</c>, <c>VARCHAR[]</c>, <c>STRUCT(a VARCHAR, "name" TIMESTAMP WITH TIME ZONE)[]</c>.</summary>
    public static RawType Parse(string duckType)
    {
        var type = duckType.Trim();
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return new RawType("LIST", [], Parse(type[..^2]));
        }
        if (type.StartsWith("STRUCT(", StringComparison.OrdinalIgnoreCase) && type.EndsWith(')'))
        {
            var fields = SplitTopLevel(type["STRUCT(".Length..^1]).Select(field =>
            {
                var (name, rest) = field.StartsWith('"')
                    ? (field[1..field.IndexOf('"', 1)], field[(field.IndexOf('"', 1) + 1)..])
                    : (field[..field.IndexOf(' ')], field[field.IndexOf(' ')..]);
                return (name, Parse(rest));
            }).ToList();
            return new RawType("STRUCT", fields, null);
        }
        return new RawType(type.ToUpperInvariant(), [], null);
    }

    /// <summary>The type in BigQuery's words, as a result schema would say it: <c>REPEATED RECORD(lang STRING, ...)</c>.</summary>
    public string Describe() => IsList
        ? "REPEATED " + Element!.Describe()
        : IsStruct
            ? $"RECORD({string.Join(", ", Fields.Select(f => f.Name + " " + f.Type.Describe()))})"
            : Scalar switch
            {
                "VARCHAR" => "STRING",
                "BIGINT" => "INT64",
                "DOUBLE" => "FLOAT64",
                "BOOLEAN" => "BOOL",
                "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP",
                _ => Scalar,
            };

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i].Trim();
                start = i + 1;
            }
        }
        yield return list[start..].Trim();
    }
}

/// <summary>What the sync does with a column whose type or presence differs from raw_schema.sql.</summary>
internal enum DriftHandling
{
    /// <summary>Converted into the expected type without loss (an INT64 sent as a STRING, say).</summary>
    Converted,

    /// <summary>A record's fields taken by name: fields that are gone are NULL, new ones are dropped.</summary>
    MatchedByName,

    /// <summary>An unread column that is gone or cannot be converted: stored as NULL.</summary>
    StoredAsNull,

    /// <summary>A column raw_schema.sql does not have: not fetched.</summary>
    NotFetched,

    /// <summary>A column the derivations read that is gone or cannot be converted: the sync stops.</summary>
    Fails,
}

/// <summary>One column of a BigQuery table that arrived other than raw_schema.sql expects.</summary>
internal sealed record ColumnDrift(string Table, string Column, string Expected, string Arrived, bool Read, DriftHandling Handling)
{
    public const string Missing = "missing";
    public const string Absent = "no such column";

    public string Consequence => Handling switch
    {
        DriftHandling.Converted => "converted",
        DriftHandling.MatchedByName => "fields matched by name (missing ones stored as NULL, new ones dropped)",
        DriftHandling.StoredAsNull => "not read by the derivations: stored as NULL",
        DriftHandling.NotFetched => "not in raw_schema.sql: not fetched",
        _ => "read by the derivations and cannot be converted",
    };

    /// <summary>The one line a failed sync ends with.</summary>
    public string FailureMessage =>
        string.Create(CultureInfo.InvariantCulture, $"BigQuery table {Table}, column {Column}: expected {Expected}, arrived {Arrived}; {Consequence}");
}

/// <summary>A column of a raw table: its name, its type in raw_schema.sql, and whether the derivations read it.</summary>
internal sealed record RawColumn(string Name, string DuckType, bool Read)
{
    public RawType Type { get; } = RawType.Parse(DuckType);
}

/// <summary>Where a raw column's values come from in a result: the field's position (-1: none, stored as NULL) and its writer.</summary>
internal sealed record ColumnSource(int Field, CellWriter? Writer);

/// <summary>Matches a BigQuery schema (a table's or a result's) to a raw table's columns by name, and says what drifted.</summary>
internal static class SchemaMatch
{
    public static (ColumnSource[] Sources, List<ColumnDrift> Drifts) Plan(
        string table, IReadOnlyList<RawColumn> columns, IReadOnlyList<BigQueryField> schema)
    {
        var sources = new ColumnSource[columns.Count];
        var drifts = new List<ColumnDrift>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var expected = column.Type.Describe();
            var unusable = column.Read ? DriftHandling.Fails : DriftHandling.StoredAsNull;
            var field = CellDecoders.IndexOf(schema, column.Name);
            if (field < 0)
            {
                drifts.Add(new ColumnDrift(table, column.Name, expected, ColumnDrift.Missing, column.Read, unusable));
                sources[i] = new ColumnSource(-1, null);
                continue;
            }
            var arrived = schema[field].Describe();
            var writer = CellDecoders.For(schema[field], column.Type);
            if (writer is null)
            {
                drifts.Add(new ColumnDrift(table, column.Name, expected, arrived, column.Read, unusable));
            }
            else if (!string.Equals(expected, arrived, StringComparison.OrdinalIgnoreCase))
            {
                drifts.Add(new ColumnDrift(table, column.Name, expected, arrived, column.Read,
                    column.Type.IsNested ? DriftHandling.MatchedByName : DriftHandling.Converted));
            }
            sources[i] = new ColumnSource(writer is null ? -1 : field, writer);
        }
        foreach (var field in schema.Where(f => !columns.Any(c => string.Equals(c.Name, f.Name, StringComparison.OrdinalIgnoreCase))))
        {
            drifts.Add(new ColumnDrift(table, field.Name, ColumnDrift.Absent, field.Describe(), false, DriftHandling.NotFetched));
        }
        return (sources, drifts);
    }
}
