using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.Stops;

/// <summary>
/// The parts of a stop or line page read back as a visitor's browser and charts.js see them: tables
/// found by their caption, the JSON blocks beside the charts, durations as the cells show them.
/// </summary>
public static class PageParts
{
    /// <summary>The data table whose caption starts with <paramref name="caption"/>, or null.</summary>
    public static IElement? TableCaptioned(IParentNode page, string caption) =>
        page.QuerySelectorAll("table.data-table")
            .SingleOrDefault(t => t.QuerySelector("caption") is { } c && Html.Text(c).StartsWith(caption, StringComparison.Ordinal));

    /// <summary>A sortable table (a sort link in every header, a cell under every header) read like a map view's.</summary>
    public static HtmlTable SortableTable(IElement table) => Html.Table(Html.Parse(table.OuterHtml));

    /// <summary>The body rows of a table, each row's cells as text.</summary>
    public static IReadOnlyList<string[]> Rows(IElement table) =>
        table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(Html.Text).ToArray()).ToList();

    /// <summary>A chart's JSON block, as charts.js reads it.</summary>
    public static JsonDocument Chart(IParentNode page, string id)
    {
        var script = page.QuerySelector($"script#{id}");
        Assert.NotNull(script);
        Assert.Equal("application/json", script.GetAttribute("type"));
        Assert.NotNull(page.QuerySelector($"canvas[data-chart='{id}']"));
        return JsonDocument.Parse(script.TextContent);
    }

    public static IReadOnlyList<string> Labels(JsonDocument chart) =>
        chart.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();

    /// <summary>The values of the chart's <paramref name="series"/>th dataset, null where there is none.</summary>
    public static IReadOnlyList<double?> Series(JsonDocument chart, int series) =>
        chart.RootElement.GetProperty("datasets")[series].GetProperty("data").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())
            .ToList();

    /// <summary>Seconds from a duration as a cell shows it: "45 s", "+1 min 5 s", "\u22123 s", "2 min".</summary>
    public static int Seconds(string shown)
    {
        var sign = shown.StartsWith('\u2212') ? -1 : 1;
        var parts = shown.TrimStart('+', '\u2212').Split(' ');
        Assert.True(parts.Length is 2 or 4, $"\u201c{shown}\u201d is not a duration");
        var total = 0;
        for (var i = 0; i < parts.Length; i += 2)
        {
            var unit = parts[i + 1] switch
            {
                "min" => 60,
                "s" => 1,
                _ => throw new FormatException($"\u201c{shown}\u201d is not a duration"),
            };
            total += int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture) * unit;
        }
        return sign * total;
    }

    /// <summary>Weighted mean, rounded as the charts round it.</summary>
    public static double WeightedMean(IEnumerable<(double Value, long Weight)> values)
    {
        var list = values.ToList();
        return Math.Round(list.Sum(v => v.Value * v.Weight) / list.Sum(v => v.Weight));
    }

    /// <summary>Every CSV record is the API's row of its stretch, cell for cell, under the API's column names; the stretches, in order. <paramref name="apiUrl"/> is an operator's leg-stats address.</summary>
    public static async Task<IReadOnlyList<string>> CsvHasApiRows(Site site, IReadOnlyList<string[]> csv, Func<string, string> apiUrl)
    {
        var frames = new Dictionary<string, ApiFrame>();
        string Cell(string[] record, string name) => record[Array.IndexOf(csv[0], name)];
        foreach (var record in csv.Skip(1))
        {
            var ds = Cell(record, "data_source");
            if (!frames.TryGetValue(ds, out var api))
            {
                api = ApiFrame.Parse(await site.GetOk(apiUrl(ds)), ApiFrame.LegStatFields);
                Assert.Equal(api.Names, csv[0]);
                frames[ds] = api;
            }
            var row = api.RowOf(ds, Cell(record, "from_stop_id"), Cell(record, "to_stop_id"));
            Assert.True(row >= 0, $"the API has no row for {string.Join(",", record)}");
            Assert.Equal(api.Names.Select(n => api.Cell(n, row)), record);
        }
        return csv.Skip(1).Select(r => Html.Stretch(Cell(r, "from_stop"), Cell(r, "to_stop"))).ToList();
    }

    /// <summary>The error page for a bad address: status, the sentence saying what was wrong, a way home, no code insides.</summary>
    public static async Task ErrorPage(Site site, string url, int status, string sentence)
    {
        using var response = await site.Get(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var section = Html.Parse(body).QuerySelector("main .error-page");
        Assert.NotNull(section);
        Assert.Contains(sentence, Html.Text(section), StringComparison.Ordinal);
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/");
        NoStackTrace.In(body);
    }

    /// <summary>Every link must answer 200.</summary>
    public static async Task AllAnswer(Site site, IEnumerable<string> hrefs)
    {
        foreach (var href in hrefs.Distinct())
        {
            await site.GetOk(href);
        }
    }
}
