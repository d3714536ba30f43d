using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>A view's table read back from the HTML: its sort keys and each row's cells as text.</summary>
public sealed record HtmlTable(IReadOnlyList<string> SortKeys, IReadOnlyList<string[]> Rows)
{
    public IEnumerable<string> Column(string sortKey)
    {
        var index = SortKeys.ToList().IndexOf(sortKey);
        Assert.True(index >= 0, $"the table has no column sorted by {sortKey}: {string.Join(", ", SortKeys)}");
        return Rows.Select(r => r[index]);
    }
}

/// <summary>Reads pages as a browser would, with a real HTML parser.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The data table of a map view; the row header (the stretch) is cell 0.</summary>
    public static HtmlTable Table(IHtmlDocument document)
    {
        var table = document.QuerySelector("table.data-table");
        Assert.NotNull(table);
        var keys = table.QuerySelectorAll("thead th").Select(SortKey).ToList();
        var rows = table.QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(cell => Text(cell)).ToArray())
            .ToList();
        Assert.All(rows, r => Assert.Equal(keys.Count, r.Length));
        return new HtmlTable(keys, rows);
    }

    /// <summary>The rows of a view, none when it says there is nothing to show.</summary>
    public static IReadOnlyList<string[]> RowsOrNone(IHtmlDocument document) =>
        document.QuerySelector("table.data-table") is null ? [] : Table(document).Rows;

    /// <summary>The map's JSON block: what map.js draws.</summary>
    public static JsonDocument MapData(IHtmlDocument document)
    {
        var script = document.QuerySelector("script#map-data");
        Assert.NotNull(script);
        Assert.Equal("application/json", script.GetAttribute("type"));
        return JsonDocument.Parse(script.TextContent);
    }

    /// <summary>Text as a reader sees it: whitespace runs collapsed.</summary>
    public static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A row's stretch cell as the table shows it.</summary>
    public static string Stretch(string from, string to) => $"{from} \u2192 {to}";

    private static string SortKey(IElement header)
    {
        var href = header.QuerySelector("a")?.GetAttribute("href") ?? "";
        var query = href.Contains('?', StringComparison.Ordinal) ? href[href.IndexOf('?', StringComparison.Ordinal)..] : "";
        return QueryHelpers.ParseQuery(query).TryGetValue("sort", out var sort) ? sort.ToString() : "";
    }
}
