using System.Text.Json;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Display;

public sealed record MapLink(string Href, string Text);

/// <summary>
/// One marker: where, how it looks, and what its tooltip and popup say. A stretch's marker (<see cref="ForStretch"/>)
/// is titled and linked from its stretch, built only when asked for: the map data sends the stretch instead, and a
/// thousand markers' links cost a millisecond and more to build for nothing.
/// </summary>
public sealed class MapMarker
{
    private readonly string? _title;
    private readonly IReadOnlyList<MapLink>? _links;

    public MapMarker(double lat, double lon, string colour, int radius, string title, IReadOnlyList<string[]> facts, IReadOnlyList<MapLink> links)
        : this(lat, lon, colour, radius, facts)
    {
        _title = title;
        _links = links;
    }

    private MapMarker(double lat, double lon, string colour, int radius, IReadOnlyList<string[]> facts)
    {
        Lat = lat;
        Lon = lon;
        Colour = colour;
        Radius = radius;
        Facts = facts;
    }

    public double Lat { get; }

    public double Lon { get; }

    public string Colour { get; }

    public int Radius { get; }

    public IReadOnlyList<string[]> Facts { get; }

    /// <summary>The stretch a marker stands for, when it does: its title and links follow from it.</summary>
    public StretchRef? Stretch { get; private init; }

    public string Title => _title ?? $"{Stretch!.FromName} to {Stretch.ToName}";

    public IReadOnlyList<MapLink> Links =>
        _links ?? StretchFacts.Links(Stretch!.FromId, Stretch.FromName, Stretch.ToId, Stretch.ToName, Stretch.At);

    /// <summary>A stretch's marker: titled with both stops, linking the stretch over time and both stops (<see cref="StretchFacts.Links"/>).</summary>
    public static MapMarker ForStretch(double lat, double lon, string colour, int radius, IReadOnlyList<string[]> facts, StretchRef stretch) =>
        new(lat, lon, colour, radius, facts) { Stretch = stretch };
}

public sealed record StretchRef(string FromId, string FromName, string ToId, string ToName, ViewedAt At);

public sealed record MapCentre(double Lat, double Lon, int Zoom);

public sealed record MapLine(IReadOnlyList<double[]> Points, string Colour);

/// <summary>
/// What map.js draws, sent as a JSON block inside the swapped part of the page (no inline script:
/// the CSP allows scripts from the site only). The serializer escapes '&lt;', so names cannot end the block.
/// </summary>
public sealed record MapData(IReadOnlyList<MapMarker> Markers, bool Fit = false, MapCentre? Centre = null, IReadOnlyList<MapLine>? Lines = null)
{
    /// <summary>The punctuality view's stops, sent as numbers beside <see cref="Markers"/> (<see cref="StopMarkers"/>).</summary>
    public StopMarkers? Stops { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Letters as themselves (Østkroken, not \u00D8stkroken); what HTML treats specially (<, &, ') stays escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Marker positions to 5 decimals: about a metre, and the digits beyond would not compress.</summary>
    internal const int PositionDecimals = 5;

    /// <summary>
    /// The JSON map.js reads, written compactly: a thousand markers would otherwise repeat the same labels and links a
    /// thousand times. When every marker has the same facts, their names are sent once (<c>factNames</c>) and each marker
    /// carries the values only. A stretch's marker sends its stops (<c>stretch</c>: from id, from name, to id, to name,
    /// and the index of its link templates when not the first) instead of its title and links, which map.js writes
    /// from them: the templates (<c>stretchLinks</c>) are this server's own addresses with <see cref="FromMark"/> and
    /// <see cref="ToMark"/> where the stop ids go, so which month, hour and day a link carries is decided here only.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(ToWire(), Options);

    /// <summary><see cref="ToJson"/> as UTF-8, what the map data's own address answers (no string in between).</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(ToWire(), Options);

    private Wire ToWire()
    {
        var names = Markers.Count > 0 && Markers.All(m => m.Facts.Select(f => f[0]).SequenceEqual(Markers[0].Facts.Select(f => f[0])))
            ? Markers[0].Facts.Select(f => f[0]).ToList()
            : null;
        var views = Markers.Select(m => m.Stretch?.At).OfType<ViewedAt>().Distinct().ToList();
        var markers = Markers.Select(m => new WireMarker(
            Math.Round(m.Lat, PositionDecimals), Math.Round(m.Lon, PositionDecimals), m.Colour, m.Radius,
            m.Stretch is null ? m.Title : null,
            names is null ? m.Facts : m.Facts.Select(f => f[1]).ToList(),
            m.Stretch is null ? m.Links : null,
            m.Stretch is { } s ? StretchWire(s, views.IndexOf(s.At)) : null)).ToList();
        var templates = views.Count == 0 ? null : views.Select(v => new StretchLinks(v.Stretch(FromMark, ToMark), v.Stop(FromMark))).ToList();
        return new Wire(markers, names, templates, Stops, Fit, Centre, Lines);
    }

    /// <summary>Where a template's stop ids go: characters no stop id holds, escaped in the address as %01 and %02.</summary>
    public const string FromMark = "\u0001", ToMark = "\u0002";

    private static object[] StretchWire(StretchRef s, int view) =>
        view == 0 ? [s.FromId, s.FromName, s.ToId, s.ToName] : [s.FromId, s.FromName, s.ToId, s.ToName, view];

    private sealed record StretchLinks(string Stretch, string Stop);

    private sealed record WireMarker(double Lat, double Lon, string Colour, int Radius, string? Title, object Facts,
        IReadOnlyList<MapLink>? Links, object[]? Stretch);

    private sealed record Wire(IReadOnlyList<WireMarker> Markers, IReadOnlyList<string>? FactNames, IReadOnlyList<StretchLinks>? StretchLinks,
        StopMarkers? Stops, bool Fit, MapCentre? Centre, IReadOnlyList<MapLine>? Lines);

    /// <summary>A marker per stretch, 98.5 % of the way along it, coloured by rush intensity.</summary>
    public static MapData ForLegStats(IEnumerable<LegStatRow> rows, ViewedAt at) =>
        new(rows.Select(r => MapMarker.ForStretch(r.Lat, r.Lon, ColourScale.RushIntensity.ColourOf(r.RushIntensity),
            Radius(r.RushIntensity), StretchFacts.Of(r), new StretchRef(r.FromStopId, r.FromStop, r.ToStopId, r.ToStop, at))).ToList());

    /// <summary>A marker per stretch, coloured by the change in mean travel time.</summary>
    public static MapData ForComparison(IEnumerable<ComparisonRow> rows, ViewedAt at) =>
        new(rows.Select(r => MapMarker.ForStretch(r.Lat, r.Lon, ColourScale.Change.ColourOf(r.NetChangePct),
            5 + Math.Min(Math.Abs(r.NetChangePct) / 10, 4), StretchFacts.Of(r),
            new StretchRef(r.FromStopId, r.FromStop, r.ToStopId, r.ToStop, at))).ToList());

    private static int Radius(double rushIntensity) => 5 + (int)Math.Clamp(Math.Round((rushIntensity - 1) * 2), 0, 4);
}
