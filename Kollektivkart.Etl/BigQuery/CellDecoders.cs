using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>Appends one non-null BigQuery cell value (the <c>v</c> of <c>{"v": ...}</c>) to an appender row.</summary>
internal delegate void CellWriter(IDuckDBAppenderRow row, JsonElement value);

/// <summary>
/// Typed decoding of BigQuery's JSON rows. With <c>formatOptions.useInt64Timestamp</c> INT64 and
/// TIMESTAMP (microseconds since the epoch) come as strings, FLOAT as strings (NaN and Infinity
/// included), BOOL as "true"/"false", DATE as YYYY-MM-DD, a RECORD as a nested <c>{"f": [...]}</c>
/// and a REPEATED field as <c>[{"v": ...}]</c>.
/// </summary>
internal static class CellDecoders
{
    /// <summary>The writer that stores <paramref name="field"/> in a DuckDB column of type <paramref name="duckType"/>.</summary>
    public static CellWriter For(BigQueryField field, string duckType)
    {
        if (IsNested(duckType))
        {
            // The Appender cannot write STRUCT or LIST values: they travel as JSON text and SQL casts them.
            return (row, value) => row.AppendValue(ToJson(field, value));
        }
        if (field.IsRepeated || field.IsRecord)
        {
            throw Mismatch(field, duckType);
        }
        var type = field.StandardType;
        return (duckType, type) switch
        {
            ("VARCHAR", "STRING" or "INT64" or "NUMERIC" or "BIGNUMERIC" or "BOOL" or "DATE" or "DATETIME" or "TIME" or "FLOAT64") =>
                (row, value) => row.AppendValue(value.GetString()),
            ("BIGINT", "INT64") => (row, value) => row.AppendValue(Int64(value)),
            ("DOUBLE", "FLOAT64" or "INT64" or "NUMERIC") => (row, value) => row.AppendValue(Float64(value)),
            ("BOOLEAN", "BOOL") => (row, value) => row.AppendValue(Bool(value)),
            ("DATE", "DATE") => (row, value) => row.AppendValue(Date(value)),
            ("TIMESTAMP WITH TIME ZONE" or "TIMESTAMP", "TIMESTAMP") => (row, value) => row.AppendValue(Timestamp(value)),
            _ => throw Mismatch(field, duckType),
        };
    }

    public static bool IsNested(string duckType) =>
        duckType.EndsWith(']') || duckType.StartsWith("STRUCT", StringComparison.Ordinal) || duckType.StartsWith("MAP", StringComparison.Ordinal);

    public static long Int64(JsonElement value) =>
        long.Parse(Unquoted(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static double Float64(JsonElement value) =>
        double.Parse(Unquoted(value), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool Bool(JsonElement value)
    {
        var text = Unquoted(value);
        return text.SequenceEqual("true"u8) || (text.SequenceEqual("false"u8) ? false : throw new FormatException("not a BOOL"));
    }

    public static DateOnly Date(JsonElement value)
    {
        var text = Unquoted(value);
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            throw new FormatException("not a DATE");
        }
        return new DateOnly(Digits(text[..4]), Digits(text[5..7]), Digits(text[8..]));
    }

    /// <summary>Microseconds since the epoch; the seconds-with-fraction form of results without useInt64Timestamp is read too.</summary>
    public static DateTime Timestamp(JsonElement value)
    {
        var text = Unquoted(value);
        var micros = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : (long)Math.Round(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) * 1e6);
        return new DateTime(DateTime.UnixEpoch.Ticks + micros * (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);
    }

    /// <summary>A RECORD or REPEATED value as plain JSON (<c>{"name": value}</c>, <c>[value]</c>) for DuckDB's JSON casts.</summary>
    public static string ToJson(BigQueryField field, JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteJson(json, field, value, asElement: false);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter json, BigQueryField field, JsonElement value, bool asElement)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            json.WriteNullValue();
        }
        else if (field.IsRepeated && !asElement)
        {
            json.WriteStartArray();
            foreach (var item in value.EnumerateArray())
            {
                WriteJson(json, field, item.GetProperty("v"), asElement: true);
            }
            json.WriteEndArray();
        }
        else if (field.IsRecord)
        {
            json.WriteStartObject();
            var i = 0;
            foreach (var cell in value.GetProperty("f").EnumerateArray())
            {
                var child = field.Fields[i++];
                json.WritePropertyName(child.Name);
                WriteJson(json, child, cell.GetProperty("v"), asElement: false);
            }
            json.WriteEndObject();
        }
        else
        {
            switch (field.StandardType)
            {
                case "INT64":
                    json.WriteNumberValue(Int64(value));
                    break;
                case "FLOAT64":
                    var number = Float64(value);
                    if (double.IsFinite(number))
                    {
                        json.WriteNumberValue(number);
                    }
                    else
                    {
                        json.WriteStringValue(value.GetString());
                    }
                    break;
                case "BOOL":
                    json.WriteBooleanValue(Bool(value));
                    break;
                case "TIMESTAMP":
                    json.WriteStringValue(Timestamp(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteStringValue(value.GetString());
                    break;
            }
        }
    }

    /// <summary>The value's raw UTF-8 text without quotes: no string is allocated for numbers, dates and booleans.</summary>
    private static ReadOnlySpan<byte> Unquoted(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length >= 2 && raw[0] == '"' ? raw[1..^1] : raw;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var result = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                throw new FormatException("not a number");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static BigQueryException Mismatch(BigQueryField field, string duckType) =>
        new($"column {field.Name}: BigQuery sends {(field.IsRepeated ? "REPEATED " : "")}{field.Type}, which cannot be stored as {duckType}");
}
