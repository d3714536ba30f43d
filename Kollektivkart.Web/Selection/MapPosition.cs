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
