using System.Text.Json;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Display;

public sealed record MapLink(string Href, string Text);

/// <summary>One marker: where, how it looks, and what its tooltip and popup say.</summary>
public sealed record MapMarker(double Lat, double Lon, string Colour, int Radius, string Title,
    IReadOnlyList<string[]> Facts, IReadOnlyList<MapLink> Links);

public sealed record MapCentre(double Lat, double Lon, int Zoom);

public sealed record MapLine(IReadOnlyList<double[]> Points, string Colour);

/// <summary>
/// What map.js draws, sent as a JSON block inside the swapped part of the page (no inline script:
/// the CSP allows scripts from the site only). The serializer escapes '&lt;', so names cannot end the block.
/// </summary>
public sealed record MapData(IReadOnlyList<MapMarker> Markers, bool Fit = false, MapCentre? Centre = null, IReadOnlyList<MapLine>? Lines = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Marker positions to 6 decimals: 0.1 m, and the digits beyond would not compress.</summary>
    private const int PositionDecimals = 6;

    /// <summary>
    /// The JSON map.js reads. When every marker has the same facts, their names are sent once (<c>factNames</c>) and each
    /// marker carries the values only: a thousand markers would otherwise repeat the same ten labels a thousand times.
    /// </summary>
    public string ToJson()
    {
        var names = Markers.Count > 0 && Markers.All(m => m.Facts.Select(f => f[0]).SequenceEqual(Markers[0].Facts.Select(f => f[0])))
            ? Markers[0].Facts.Select(f => f[0]).ToList()
            : null;
        var markers = Markers.Select(m => new WireMarker(
            Math.Round(m.Lat, PositionDecimals), Math.Round(m.Lon, PositionDecimals), m.Colour, m.Radius, m.Title,
            names is null ? m.Facts : m.Facts.Select(f => f[1]).ToList(), m.Links)).ToList();
        return JsonSerializer.Serialize(new Wire(markers, names, Fit, Centre, Lines), Options);
    }

    private sealed record WireMarker(double Lat, double Lon, string Colour, int Radius, string Title, object Facts, IReadOnlyList<MapLink> Links);

    private sealed record Wire(IReadOnlyList<WireMarker> Markers, IReadOnlyList<string>? FactNames, bool Fit, MapCentre? Centre, IReadOnlyList<MapLine>? Lines);

    /// <summary>A marker per stretch, 98.5 % of the way along it, coloured by rush intensity.</summary>
    public static MapData ForLegStats(IEnumerable<LegStatRow> rows, ViewedAt at) =>
        new(rows.Select(r => new MapMarker(r.Lat, r.Lon, ColourScale.RushIntensity.ColourOf(r.RushIntensity),
            Radius(r.RushIntensity), r.Name, StretchFacts.Of(r), StretchFacts.Links(r.FromStopId, r.FromStop, r.ToStopId, r.ToStop, at))).ToList());

    /// <summary>A marker per stretch, coloured by the change in mean travel time.</summary>
    public static MapData ForComparison(IEnumerable<ComparisonRow> rows, ViewedAt at) =>
        new(rows.Select(r => new MapMarker(r.Lat, r.Lon, ColourScale.Change.ColourOf(r.NetChangePct),
            5 + Math.Min(Math.Abs(r.NetChangePct) / 10, 4), r.Name, StretchFacts.Of(r),
            StretchFacts.Links(r.FromStopId, r.FromStop, r.ToStopId, r.ToStop, at))).ToList());

    private static int Radius(double rushIntensity) => 5 + (int)Math.Clamp(Math.Round((rushIntensity - 1) * 2), 0, 4);
}
