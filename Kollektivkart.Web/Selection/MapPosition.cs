using System.Globalization;

namespace Kollektivkart.Web.Selection;

/// <summary>Where the map looks (the <c>lat</c>, <c>lon</c>, <c>zoom</c> of a shared link).</summary>
public sealed record MapPosition(double Lat, double Lon, int Zoom)
{
    public const int MinZoom = 0;
    public const int MaxZoom = 19;

    /// <summary>Norway, as the original opened.</summary>
    public static readonly MapPosition Default = new(60.91, 8.0, 5);

    public string Query => string.Create(CultureInfo.InvariantCulture, $"lat={Lat:0.#####}&lon={Lon:0.#####}&zoom={Zoom}");

    /// <summary>The query values a position is written in; request query names match case-insensitively.</summary>
    private static readonly string[] Names = ["lat", "lon", "zoom"];

    /// <summary>The position a request's address asks for: none, one, or a problem (a 400).</summary>
    public static Checked<MapPosition?> Read(IQueryCollection query) => Parse(query["lat"], query["lon"], query["zoom"]);

    /// <summary>
    /// The query string without the map position, every other value as written and in its order. Answers never
    /// depend on the position (map.js applies it in the browser), so this is what the output cache keys on and
    /// what htmx is told to push: panning gives the same answer, and a cached answer never carries another
    /// visitor's position.
    /// </summary>
    public static string WithoutPosition(QueryString query)
    {
        if (!query.HasValue)
        {
            return "";
        }
        var kept = query.Value![1..].Split('&').Where(pair => pair.Length > 0 && !Names.Contains(Name(pair), StringComparer.OrdinalIgnoreCase));
        return string.Join('&', kept) is { Length: > 0 } rest ? "?" + rest : "";
    }

    /// <summary>A pair's name as ASP.NET reads it (<c>%6Cat</c> is <c>lat</c>); malformed escapes stay as written.</summary>
    private static string Name(string pair) => Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' '));

    /// <summary>
    /// Reads the three query values; none given is no position (null), anything unreadable or off
    /// the map is a problem to report as a 400.
    /// </summary>
    public static Checked<MapPosition?> Parse(string? lat, string? lon, string? zoom)
    {
        if (string.IsNullOrEmpty(lat) && string.IsNullOrEmpty(lon) && string.IsNullOrEmpty(zoom))
        {
            return Checked<MapPosition?>.Ok(null);
        }
        // "NaN" parses whatever the styles and fails every comparison, so the checks ask for "in range", not "out of it".
        const NumberStyles number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (!double.TryParse(lat, number, CultureInfo.InvariantCulture, out var y) || y is not (>= -90 and <= 90))
        {
            return Checked<MapPosition?>.Fail($"lat \u201c{lat}\u201d is not a latitude between -90 and 90.");
        }
        if (!double.TryParse(lon, number, CultureInfo.InvariantCulture, out var x) || x is not (>= -180 and <= 180))
        {
            return Checked<MapPosition?>.Fail($"lon \u201c{lon}\u201d is not a longitude between -180 and 180.");
        }
        if (!int.TryParse(zoom, NumberStyles.None, CultureInfo.InvariantCulture, out var z) || z is < MinZoom or > MaxZoom)
        {
            return Checked<MapPosition?>.Fail($"zoom \u201c{zoom}\u201d is not a map zoom level from {MinZoom} to {MaxZoom}.");
        }
        return Checked<MapPosition?>.Ok(new MapPosition(y, x, z));
    }
}
