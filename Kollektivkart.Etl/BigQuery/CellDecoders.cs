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
    /// <summary>
    /// The writer that stores <paramref name="field"/> as <paramref name="expected"/>, or null when its values
    /// cannot be converted without loss. Beyond the exact types: INT64, FLOAT64 and BOOL sent as STRING, a
    /// TIMESTAMP sent as FLOAT64 seconds or INT64 microseconds, and records matched to STRUCTs by field name.
    /// </summary>
    public static CellWriter? For(BigQueryField field, RawType expected)
    {
        if (expected.IsNested)
        {
            // The Appender cannot write STRUCT or LIST values: they travel as JSON text in the expected shape and SQL casts them.
            return expected.IsList == field.IsRepeated && (expected.IsList ? expected.Element!.IsStruct : expected.IsStruct) == field.IsRecord
                ? (row, value) => row.AppendValue(ShapedJson(field, value, expected))
                : null;
        }
        if (field.IsRepeated || field.IsRecord)
        {
            return null;
        }
        return (expected.Scalar, field.StandardType) switch
        {
            ("VARCHAR", "STRING" or "INT64" or "NUMERIC" or "BIGNUMERIC" or "BOOL" or "DATE" or "DATETIME" or "TIME" or "FLOAT64") =>
                (row, value) => row.AppendValue(value.GetString()),
            ("BIGINT", "INT64" or "STRING") => (row, value) => row.AppendValue(Int64(value)),
            ("BIGINT", "FLOAT64" or "NUMERIC") => (row, value) => row.AppendValue(WholeNumber(value)),
            ("DOUBLE", "FLOAT64" or "INT64" or "NUMERIC" or "STRING") => (row, value) => row.AppendValue(Float64(value)),
            ("BOOLEAN", "BOOL" or "STRING") => (row, value) => row.AppendValue(Bool(value)),
            ("BOOLEAN", "INT64") => (row, value) => row.AppendValue(Int64(value) switch { 0 => false, 1 => true, _ => throw new FormatException("not 0 or 1") }),
            ("DATE", "DATE" or "STRING") => (row, value) => row.AppendValue(Date(value)),
            ("TIMESTAMP WITH TIME ZONE" or "TIMESTAMP", "TIMESTAMP") => (row, value) => row.AppendValue(Timestamp(value)),
            ("TIMESTAMP WITH TIME ZONE" or "TIMESTAMP", "INT64") => (row, value) => row.AppendValue(FromMicros(Int64(value))),
            ("TIMESTAMP WITH TIME ZONE" or "TIMESTAMP", "FLOAT64") =>
                (row, value) => row.AppendValue(FromMicros(checked((long)Math.Round(Float64(value) * 1e6)))),
            _ => null,
        };
    }

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
        return FromMicros(micros);
    }

    private static DateTime FromMicros(long micros) =>
        new(checked(DateTime.UnixEpoch.Ticks + micros * (TimeSpan.TicksPerMillisecond / 1000)), DateTimeKind.Utc);

    /// <summary>A FLOAT64 or NUMERIC that holds a whole number (12.0); 12.5 would lose its fraction and is refused.</summary>
    private static long WholeNumber(JsonElement value)
    {
        var number = decimal.Parse(Unquoted(value), NumberStyles.Float, CultureInfo.InvariantCulture);
        return decimal.Truncate(number) == number ? decimal.ToInt64(number) : throw new FormatException("not a whole number");
    }

    /// <summary>
    /// A RECORD or REPEATED value as JSON in the shape of <paramref name="expected"/> (<c>{"name": value}</c>,
    /// <c>[value]</c>) for DuckDB's JSON casts: a record's fields are taken by name, whatever their order; an
    /// expected field the record lacks is null and a field it has beyond them is left out.
    /// </summary>
    public static string ShapedJson(BigQueryField field, JsonElement value, RawType expected)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteJson(json, field, value, expected, asElement: false);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter json, BigQueryField field, JsonElement value, RawType expected, bool asElement)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            json.WriteNullValue();
        }
        else if (expected.IsList)
        {
            if (!field.IsRepeated || asElement)
            {
                json.WriteNullValue();
                return;
            }
            json.WriteStartArray();
            foreach (var item in value.EnumerateArray())
            {
                WriteJson(json, field, item.GetProperty("v"), expected.Element!, asElement: true);
            }
            json.WriteEndArray();
        }
        else if (expected.IsStruct)
        {
            if (!field.IsRecord || (field.IsRepeated && !asElement))
            {
                json.WriteNullValue();
                return;
            }
            var cells = value.GetProperty("f");
            json.WriteStartObject();
            foreach (var (name, type) in expected.Fields)
            {
                json.WritePropertyName(name);
                var index = IndexOf(field.Fields, name);
                if (index < 0)
                {
                    json.WriteNullValue();
                }
                else
                {
                    WriteJson(json, field.Fields[index], cells[index].GetProperty("v"), type, asElement: false);
                }
            }
            json.WriteEndObject();
        }
        else if (field.IsRecord || (field.IsRepeated && !asElement))
        {
            json.WriteNullValue();
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

    /// <summary>The position of the field named <paramref name="name"/> (BigQuery names are case-insensitive), or -1.</summary>
    public static int IndexOf(IReadOnlyList<BigQueryField> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
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
}
