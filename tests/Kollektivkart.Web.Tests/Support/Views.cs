using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// What every map view promises: one address serving the whole page, or to htmx only the view with
/// the address to push; the table, the map markers and the CSV download showing the API's rows.
/// </summary>
public static class Views
{
    public static async Task<IHtmlDocument> FullPage(Site site, string url, params (string Name, string Value)[] headers)
    {
        using var response = await site.Get(url, headers);
        var body = await Body(response, url);
        Assert.Contains("<html", body, StringComparison.Ordinal);
        var document = Html.Parse(body);
        Assert.NotNull(document.GetElementById("map"));
        Assert.NotNull(document.GetElementById("view"));
        Assert.Contains("HX-Request", response.Headers.Vary);
        return document;
    }

    /// <summary>The view alone, as htmx asks for it, with the requested address to push to the browser's history.</summary>
    public static async Task<IHtmlDocument> Fragment(Site site, string url)
    {
        using var response = await site.Get(url, ("HX-Request", "true"));
        var body = await Body(response, url);
        Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
        var document = Html.Parse(body);
        Assert.Null(document.GetElementById("map"));
        Assert.NotNull(document.QuerySelector("script#map-data"));
        Assert.Equal(url, Assert.Single(response.Headers.GetValues("HX-Push-Url")));
        Assert.Contains("HX-Request", response.Headers.Vary);
        return document;
    }

    /// <summary>Back and forward in htmx ask for the whole page again.</summary>
    public static Task<IHtmlDocument> HistoryRestore(Site site, string url) =>
        FullPage(site, url, ("HX-Request", "true"), ("HX-History-Restore-Request", "true"));

    public static async Task<IReadOnlyList<string[]>> Csv(Site site, string url)
    {
        using var response = await site.Get(url);
        var body = await Body(response, url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return CsvText.Parse(body);
    }

    /// <summary>The table shows the API's stretches, in the API's order.</summary>
    public static void SameRows(HtmlTable table, ApiFrame frame)
    {
        Assert.Equal(
            frame.Stretches().Select(s => new[] { Html.Stretch(s.From, s.To), s.DataSource }),
            table.Rows.Select(r => r[..2]));
    }

    /// <summary>One marker per row, where the API puts the stretch.</summary>
    public static void SameMarkers(IHtmlDocument document, ApiFrame frame)
    {
        using var map = Html.MapData(document);
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(frame.Count, markers.Count);
        for (var i = 0; i < markers.Count; i++)
        {
            // Markers are placed to 0.1 m (6 decimals).
            Assert.Equal(frame.Number("lat", i), markers[i].GetProperty("lat").GetDouble(), 6);
            Assert.Equal(frame.Number("lon", i), markers[i].GetProperty("lon").GetDouble(), 6);
            Assert.Equal(JsonValueKind.String, markers[i].GetProperty("colour").ValueKind);
        }
    }

    /// <summary>The CSV has the API's column names and, row by row, the API's values.</summary>
    public static void SameCsv(IReadOnlyList<string[]> csv, ApiFrame frame)
    {
        Assert.Equal(frame.Names, csv[0]);
        Assert.Equal(frame.Count, csv.Count - 1);
        for (var i = 0; i < frame.Count; i++)
        {
            Assert.Equal(frame.Names.Select(n => frame.Cell(n, i)), csv[i + 1]);
        }
    }

    /// <summary>A count as the table shows it ("1,234").</summary>
    public static long Count(string cell) => long.Parse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static async Task<string> Body(HttpResponseMessage response, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}\n{body}");
        return body;
    }
}
