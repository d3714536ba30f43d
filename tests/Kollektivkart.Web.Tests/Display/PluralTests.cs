using Kollektivkart.Web.Display;

namespace Kollektivkart.Web.Tests.Display;

/// <summary>Counts read as people write them, from one helper: never "day(s)".</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "day", "0 days")]
    [InlineData(1, "day", "1 day")]
    [InlineData(2, "day", "2 days")]
    [InlineData(1, "stretch", "1 stretch")]
    [InlineData(1234, "stretch", "1,234 stretches")]
    [InlineData(1, "row", "1 row")]
    [InlineData(1000000, "row", "1,000,000 rows")]
    [InlineData(2, "entry", "2 entries")]
    [InlineData(3, "operator", "3 operators")]
    public void A_count_and_its_noun_agree_with_thousands_grouped(long count, string noun, string expected) =>
        Assert.Equal(expected, Plural.Of(count, noun));

    /// <summary>Every page, partial and C# file of the site: no "(s)" plural and no count glued to a plural noun by hand.</summary>
    [Fact]
    public void No_page_or_code_writes_a_plural_by_hand()
    {
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../Kollektivkart.Web"));
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var byHand = new System.Text.RegularExpressions.Regex(
            @"\b(day|stretch|row|hour|month|operator|line|stop|answer|vehicle|minute|second)\(e?s\)|(ToString\(""N0""\)|:N0\}|Count\)?) (stretches|rows|days|answers|operators|entries)\b");
        var found = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => byHand.IsMatch(l.Text) && l.File != Path.Combine("Display", "Plural.cs"))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "plurals written by hand (use Display.Plural):\n" + string.Join("\n", found));
    }
}
