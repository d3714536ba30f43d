using System.Text.Json.Nodes;

namespace Kollektivkart.Etl.Tests.BigQuery;

/// <summary>A column of a fake BigQuery table, typed with the names BigQuery's result schemas use.</summary>
public sealed record FakeColumn(string Name, string Type, string Mode = "NULLABLE", params FakeColumn[] Fields)
{
    public static FakeColumn Record(string name, string mode, params FakeColumn[] fields) => new(name, "RECORD", mode, fields);

    public JsonObject ToSchemaJson()
    {
        var field = new JsonObject { ["name"] = Name, ["type"] = Type, ["mode"] = Mode };
        if (Fields.Length > 0)
        {
            field["fields"] = new JsonArray(Fields.Select(f => (JsonNode)f.ToSchemaJson()).ToArray());
        }
        return field;
    }
}

/// <summary>
/// A table the fake serves: its BigQuery name and schema, and the DuckDB relation its rows come from
/// (<paramref name="Source"/>, may use <c>$operating_date</c> when <paramref name="PartitionColumn"/> is set,
/// and <c>$path</c> bound to <paramref name="Path"/>).
/// </summary>
public sealed record FakeTable(string Name, IReadOnlyList<FakeColumn> Columns, string Source, string? Path = null, string? PartitionColumn = null)
{
    public const string Project = "ent-data-sharing-ext-prd";

    /// <summary>
    /// DuckDB SQL turning one source row into BigQuery's row JSON, <c>{"f":[{"v":...}]}</c>, for
    /// <paramref name="selected"/> columns: INT64, FLOAT, BOOL and DATE as strings, TIMESTAMP as
    /// microseconds in a string, RECORD as nested <c>{"f":[...]}</c>, REPEATED as <c>[{"v":...}]</c>.
    /// </summary>
    public string RowJsonSql(IReadOnlyList<FakeColumn> selected)
    {
        var cells = selected.Select(c => $"'{{\"v\":' || coalesce(CAST(to_json({Value(c, Quote(c.Name), 0)}) AS VARCHAR), 'null') || '}}'");
        return $"SELECT '{{\"f\":[' || concat_ws(',', {string.Join(", ", cells)}) || ']}}' AS row_json FROM {Source}";
    }

    public static string SchemaJson(IReadOnlyList<FakeColumn> columns) =>
        new JsonObject { ["fields"] = new JsonArray(columns.Select(c => (JsonNode)c.ToSchemaJson()).ToArray()) }.ToJsonString();

    private static string Value(FakeColumn column, string expression, int depth)
    {
        if (column.Mode == "REPEATED")
        {
            // BigQuery has no NULL arrays: an absent list is [].
            var item = "x" + depth;
            return $"CASE WHEN {expression} IS NULL THEN [] ELSE list_transform({expression}, {item} -> {{'v': to_json({Element(column, item, depth + 1)})}}) END";
        }
        return Element(column, expression, depth);
    }

    private static string Element(FakeColumn column, string expression, int depth) => column.Type switch
    {
        // Each field's value becomes JSON so fields of different types fit in one list.
        "RECORD" => $"CASE WHEN {expression} IS NULL THEN NULL ELSE {{'f': [{string.Join(", ", column.Fields.Select(f =>
            $"{{'v': to_json({Value(f, $"struct_extract({expression}, '{f.Name}')", depth + 1)})}}"))}]}} END",
        "TIMESTAMP" => $"CAST(epoch_us({expression}) AS VARCHAR)",
        // A column that drifted to STRING (an INT64 or BOOL sent as text) still comes as a JSON string.
        "STRING" => $"CAST({expression} AS VARCHAR)",
        _ => $"CAST({expression} AS VARCHAR)",
    };

    private static string Quote(string name) => "\"" + name + "\"";
}

/// <summary>Entur's three tables as the fake serves them, over the raw files of a demo pond.</summary>
public static class EnturTables
{
    public const string StopPlaces = "ent-data-sharing-ext-prd.national_stop_registry.stop_places_last_version";
    public const string Quays = "ent-data-sharing-ext-prd.national_stop_registry.quays_last_version";
    public const string Arrivals = "ent-data-sharing-ext-prd.realtime_siri_et.realtime_siri_et_last_recorded";

    public static IReadOnlyList<FakeTable> FromPond(string pond) =>
    [
        new(StopPlaces,
        [
            new("id", "STRING"), new("version", "STRING"), new("publicCode", "STRING"), new("transportMode", "STRING"),
            new("name", "STRING"), new("shortName", "STRING"), new("description", "STRING"),
            new("location_longitude", "FLOAT"), new("location_latitude", "FLOAT"), new("topographicPlaceRef", "STRING"),
            FakeColumn.Record("alternativeNames", "REPEATED", new("lang", "STRING"), new("nameType", "STRING"), new("name", "STRING")),
            new("tariffZoneRefs", "STRING", "REPEATED"), new("fareZoneRefs", "STRING", "REPEATED"),
            FakeColumn.Record("validBetween", "NULLABLE", new("fromDate", "TIMESTAMP"), new("toDate", "TIMESTAMP")),
            new("parentRef", "STRING"),
            new("keyValues", "STRING", "REPEATED"),
        ], "(SELECT *, NULL::VARCHAR[] AS keyValues FROM read_parquet($path))", System.IO.Path.Combine(pond, "stops.parquet")),
        new(Quays,
        [
            new("id", "STRING"), new("version", "STRING"), new("publicCode", "STRING"), new("name", "STRING"),
            new("shortName", "STRING"), new("description", "STRING"),
            new("location_longitude", "FLOAT"), new("location_latitude", "FLOAT"), new("stopPlaceRef", "STRING"),
        ], "read_parquet($path)", System.IO.Path.Combine(pond, "quays.parquet")),
        new(Arrivals,
        [
            new("recordedAtTime", "TIMESTAMP"), new("lineRef", "STRING"), new("directionRef", "STRING"),
            new("operatingDate", "DATE"), new("serviceJourneyId", "STRING"), new("operatorRef", "STRING"),
            new("extraJourney", "BOOLEAN"), new("journeyCancellation", "BOOLEAN"), new("stopPointRef", "STRING"),
            new("sequenceNr", "INTEGER"), new("originName", "STRING"), new("destinationName", "STRING"),
            new("extraCall", "BOOLEAN"), new("stopCancellation", "BOOLEAN"),
            new("aimedArrivalTime", "TIMESTAMP"), new("arrivalTime", "TIMESTAMP"),
            new("aimedDepartureTime", "TIMESTAMP"), new("departureTime", "TIMESTAMP"),
            new("dataSource", "STRING"), new("dataSourceName", "STRING"), new("estimated", "BOOLEAN"),
            new("journeyPatternRef", "STRING"),
        ],
        "(SELECT *, NULL::VARCHAR AS journeyPatternRef FROM read_parquet($path, hive_partitioning = true)) WHERE operatingDate = $operating_date",
        System.IO.Path.Combine(pond, "arrivals.parquet", "*", "*.parquet"),
        PartitionColumn: "operatingDate"),
    ];
}
