using System.Globalization;

namespace Kollektivkart.Web.Display;

/// <summary>
/// A count and its noun as people write it, in one place for every page, feed and summary: "1 day", "2 days",
/// "1,234 stretches" (thousands grouped), never "day(s)".
/// </summary>
public static class Plural
{
    /// <summary>"1 day", "2 days", "0 rows", "1,234 stretches".</summary>
    public static string Of(long count, string noun) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {Noun(count, noun)}";

    /// <summary>The noun alone, singular for exactly one: "stretch", "stretches"; "entry", "entries".</summary>
    public static string Noun(long count, string noun) =>
        count == 1 ? noun
        : noun.EndsWith('y') && noun.Length > 1 && !"aeiou".Contains(noun[^2], StringComparison.Ordinal) ? noun[..^1] + "ies"
        : noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal)
            ? noun + "es"
        : noun + "s";
}

/// <summary>A view's CSV link: its address and how many of what it holds ("rows", "stretches"); no link when there are none.</summary>
public sealed record CsvDownload(string Href, long Count, string Noun = "row", string? Note = null);
