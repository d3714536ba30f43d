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
        // The view holds the map's place, which htmx fills with the map shown (hx-preserve), so it keeps its position.
        Assert.True(document.GetElementById("map")?.HasAttribute("hx-preserve"), "the view has no #map kept by hx-preserve");
        Assert.NotNull(document.QuerySelector("script#map-data"));
        Assert.Equal(WithoutPosition(url), Assert.Single(response.Headers.GetValues("HX-Push-Url")));
        Assert.Contains("HX-Request", response.Headers.Vary);
        return document;
    }

    /// <summary>
    /// What htmx is told to push: the address without lat, lon and zoom, which map.js puts back from the map itself
    /// (an answer is the same at every position, so a cached one must not carry another visitor's).
    /// </summary>
    public static string WithoutPosition(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }
        var kept = url[(query + 1)..].Split('&').Where(p => p.Split('=')[0] is not ("lat" or "lon" or "zoom")).ToList();
        return kept.Count == 0 ? url[..query] : url[..query] + "?" + string.Join('&', kept);
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

    /// <summary>A big view's table shows this many rows, and links to all of them.</summary>
    public const int FirstRows = 100;

    /// <summary>The table shows the API's stretches, in the API's order: the first <see cref="FirstRows"/> of them, or all when asked.</summary>
    public static void SameRows(HtmlTable table, ApiFrame frame, bool all = false)
    {
        Assert.Equal(
            frame.Stretches().Take(all ? int.MaxValue : FirstRows).Select(s => new[] { Html.Stretch(s.From, s.To), s.DataSource }),
            table.Rows.Select(r => r[..2]));
    }

    /// <summary>
    /// The map's JSON, as map.js gets it: the block in the page, or, when the block names its address (<c>data-src</c>,
    /// the big views), what that address answers.
    /// </summary>
    public static async Task<JsonDocument> MapData(Site site, IHtmlDocument document)
    {
        var src = document.QuerySelector("script#map-data")?.GetAttribute("data-src");
        if (src is null)
        {
            return Html.MapData(document);
        }
        using var response = await site.Get(src);
        var body = await Body(response, src);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    /// <summary>One marker per row (every row, not only those the table shows), where the API puts the stretch.</summary>
    public static async Task SameMarkers(Site site, IHtmlDocument document, ApiFrame frame)
    {
        using var map = await MapData(site, document);
        var markers = map.RootElement.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(frame.Count, markers.Count);
        for (var i = 0; i < markers.Count; i++)
        {
            // Markers are placed to about a metre (5 decimals).
            Assert.Equal(frame.Number("lat", i), markers[i].GetProperty("lat").GetDouble(), 5);
            Assert.Equal(frame.Number("lon", i), markers[i].GetProperty("lon").GetDouble(), 5);
            Assert.Equal(JsonValueKind.String, markers[i].GetProperty("colour").ValueKind);
        }
    }

    /// <summary>
    /// A marker's title and links as map.js writes them: given, or for a stretch's marker made from its stops and the
    /// view's link templates (the server's addresses with %01 and %02 where the stop ids go).
    /// </summary>
    public static IReadOnlyList<MapMarkerText> MarkerTexts(JsonDocument map)
    {
        var root = map.RootElement;
        var templates = root.TryGetProperty("stretchLinks", out var t) ? t.EnumerateArray().ToList() : [];
        return root.GetProperty("markers").EnumerateArray().Select(m =>
        {
            if (!m.TryGetProperty("stretch", out var stretch))
            {
                return new MapMarkerText(m.GetProperty("title").GetString()!,
                    m.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("href").GetString()!, l.GetProperty("text").GetString()!)).ToList());
            }
            var s = stretch.EnumerateArray().ToList();
            var (fromId, fromName, toId, toName) = (s[0].GetString()!, s[1].GetString()!, s[2].GetString()!, s[3].GetString()!);
            var template = templates[s.Count > 4 ? s[4].GetInt32() : 0];
            string Fill(string name, string from, string to = "") => template.GetProperty(name).GetString()!
                .Replace("%01", Uri.EscapeDataString(from).Replace("%3A", ":"), StringComparison.Ordinal)
                .Replace("%02", Uri.EscapeDataString(to).Replace("%3A", ":"), StringComparison.Ordinal);
            var title = $"{fromName} to {toName}";
            return new MapMarkerText(title, [(Fill("stretch", fromId, toId), $"{title} over time"), (Fill("stop", fromId), fromName), (Fill("stop", toId), toName)]);
        }).ToList();
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

/// <summary>What a marker's tooltip is titled and its popup links to.</summary>
public sealed record MapMarkerText(string Title, IReadOnlyList<(string Href, string Text)> Links);
