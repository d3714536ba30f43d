using System.Globalization;

namespace Kollektivkart.Data.Tests.Support;

/// <summary>Typed reads of the dictionaries <see cref="TestPond"/> returns, whatever integer width DuckDB chose.</summary>
public static class RowValues
{
    public static long Long(this IReadOnlyDictionary<string, object?> row, string column) =>
        Convert.ToInt64(row[column] ?? throw new InvalidOperationException($"{column} is null"), CultureInfo.InvariantCulture);

    public static double Double(this IReadOnlyDictionary<string, object?> row, string column) =>
        Convert.ToDouble(row[column] ?? throw new InvalidOperationException($"{column} is null"), CultureInfo.InvariantCulture);

    public static string? Text(this IReadOnlyDictionary<string, object?> row, string column) => (string?)row[column];

    public static DateOnly Date(this IReadOnlyDictionary<string, object?> row, string column) => row[column] switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        var other => throw new InvalidOperationException($"{column} is {other?.GetType().Name ?? "null"}, not a date"),
    };

    /// <summary>A TIMESTAMPTZ column as an instant. DuckDB.NET hands TIMESTAMPTZ back as a UTC DateTime.</summary>
    public static DateTimeOffset Instant(this IReadOnlyDictionary<string, object?> row, string column) => row[column] switch
    {
        DateTimeOffset o => o,
        DateTime { Kind: DateTimeKind.Local } t => new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero),
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        var other => throw new InvalidOperationException($"{column} is {other?.GetType().Name ?? "null"}, not a timestamp"),
    };
}
