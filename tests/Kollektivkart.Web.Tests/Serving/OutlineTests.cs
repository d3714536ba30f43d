using System.Security.Cryptography;
using System.Text.Json;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// The map's outline (wwwroot/data/outline.json, made by web-assets/outline.mjs from Natural Earth): Norway and its
/// neighbours as land where land is and sea where sea is, named by every map page at its content-hash address, which
/// the site serves as JSON kept for a year, and which the Content-Security-Policy lets map.js fetch, from the CDN too.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class OutlineTests(SiteData data)
{
    private const string Cdn = "https://kollektivkart.b-cdn.net";
    private const string Page = "/2025/2/8/hot-spots";

    private static readonly string File = Path.Combine(AppContext.BaseDirectory, "wwwroot", "data", "outline.json");

    // Points well inside the land at Natural Earth's 1:50m: Tromsø itself stands on an island below that scale, so
    // the mainland beside it stands for it.
    public static TheoryData<string, double, double> Land => new()
    {
        { "Oslo", 59.91, 10.75 },
        { "Trondheim", 63.43, 10.39 },
        { "the mainland by Tromsø", 69.5, 19.6 },
        { "Kautokeino", 69.0, 23.04 },
        { "Longyearbyen, Svalbard", 78.22, 15.65 },
        { "Kiruna, Sweden", 67.86, 20.23 },
        { "Tampere, Finland", 61.5, 23.76 },
        { "Riga, Latvia", 56.95, 24.1 },
        { "Murmansk, Russia", 68.97, 33.08 },
        { "Edinburgh", 55.95, -3.19 },
        { "Iceland", 64.8, -18.5 },
    };

    public static TheoryData<string, double, double> Sea => new()
    {
        { "the Norwegian Sea", 67.0, 5.0 },
        { "Vestfjorden", 68.0, 14.5 },
        { "the Skagerrak", 57.9, 8.6 },
        { "the Gulf of Bothnia", 62.5, 20.0 },
        { "the Barents Sea", 73.0, 35.0 },
        { "the North Sea", 57.0, 3.0 },
    };

    [Theory]
    [MemberData(nameof(Land))]
    public void A_place_on_land_lies_in_a_land_polygon(string place, double lat, double lon) =>
        Assert.True(OnLand(lat, lon), $"{place} ({lat}, {lon}) is not on the outline's land");

    [Theory]
    [MemberData(nameof(Sea))]
    public void A_place_at_sea_lies_in_none(string place, double lat, double lon) =>
        Assert.False(OnLand(lat, lon), $"{place} ({lat}, {lon}) is on the outline's land");

    [Fact]
    public void The_coast_and_borders_are_lines_within_the_box_around_Norway()
    {
        var lines = Feature("lines").GetProperty("geometry");
        Assert.Equal("MultiLineString", lines.GetProperty("type").GetString());
        var points = lines.GetProperty("coordinates").EnumerateArray().SelectMany(l => l.EnumerateArray()).Select(Point).ToList();
        // Norway's coast alone is hundreds of points at 1:50m.
        Assert.True(points.Count(p => p.Lat is > 58 and < 71 && p.Lon is > 4 and < 31) > 1000, $"{points.Count} points");
        Assert.All(points, p => Assert.True(p.Lon is >= -30 and <= 60 && p.Lat is >= 50 and <= 81.5, $"{p} is outside the box"));
    }

    [Fact]
    public async Task Every_map_page_names_the_outline_at_its_content_hash_and_the_site_serves_it_as_json_kept_for_a_year()
    {
        var site = await data.Hand();

        var map = Html.Parse(await site.GetOk(Page)).QuerySelector("#map")!;
        var address = map.GetAttribute("data-outline");
        Assert.Equal($"{Outline.Path}?v={Hash()}", address);
        Assert.Equal(address, map.GetAttribute("data-outline-fallback"));

        using var response = await site.Get(address!);
        Assert.True(response.IsSuccessStatusCode, $"{address}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StaticFileCaching.Immutable, string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(File), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?v=an-old-version")]
    public async Task Another_address_of_the_file_is_not_promised_to_stay_the_same(string query)
    {
        var site = await data.Hand();

        using var response = await site.Get(Outline.Path + query);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.CacheControl?.MaxAge > TimeSpan.Zero, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task With_a_CDN_the_outline_comes_from_it_with_the_site_as_fallback_and_the_policy_lets_map_js_fetch_both()
    {
        var site = await data.Started(data.HandBuilt.Folder, HandBuiltStatsDb.Today, new Dictionary<string, string>
        {
            ["Map:StaticAssetsBaseUrl"] = Cdn + "/",
        });

        using var response = await site.Get(Page);
        var map = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#map")!;

        Assert.Equal($"{Cdn}{Outline.Path}?v={Hash()}", map.GetAttribute("data-outline"));
        Assert.Equal($"{Outline.Path}?v={Hash()}", map.GetAttribute("data-outline-fallback"));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
        Assert.Equal($"connect-src 'self' {Cdn}", policy.Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal)));
    }

    private static string Hash()
    {
        using var stream = System.IO.File.OpenRead(File);
        return WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
    }

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(System.IO.File.ReadAllBytes(File)));

    private static JsonElement Feature(string kind) =>
        Document.Value.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == kind);

    private static (double Lat, double Lon) Point(JsonElement p) => (p[1].GetDouble(), p[0].GetDouble());

    /// <summary>Even-odd over each polygon's rings (outer and holes), as the map fills them.</summary>
    private static bool OnLand(double lat, double lon)
    {
        var land = Feature("land").GetProperty("geometry");
        Assert.Equal("MultiPolygon", land.GetProperty("type").GetString());
        return land.GetProperty("coordinates").EnumerateArray().Any(polygon =>
            polygon.EnumerateArray().Aggregate(false, (inside, ring) => inside ^ InRing(ring.EnumerateArray().Select(Point).ToList(), lat, lon)));
    }

    private static bool InRing(List<(double Lat, double Lon)> ring, double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Lat > lat) != (b.Lat > lat) && lon < (b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat) + a.Lon)
            {
                inside = !inside;
            }
        }
        return inside;
    }
}
