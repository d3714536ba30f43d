using System.Text.Json;
using System.Text.Json.Serialization;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Display;

/// <summary>
/// The punctuality map view (data-model.md section 9): every stop with departures as a marker coloured by its on-time
/// share, and the stops with a share in a table, worst first. <see cref="TooFew"/> stops have fewer than 20 observed
/// departures: grey on the map, not in the table.
/// </summary>
public sealed record PunctualityMapView(
    string Heading, string Summary, Selectors Selectors, Table<StopPunctuality> Table, int TooFew, string MapUrl, string CsvUrl)
{
    public MapState State => Selectors.State;

    /// <summary>What the live region says when the view is swapped in: how many stops are ranked, and the heading.</summary>
    public string Announcement => $"{Plural.Of(Table.Count, "stop")}: {Heading}";

    public MoreRows? More => Table.IsCut
        ? new MoreRows(Table.Shown.Count, Table.Count, Table.WithSort((State with { AllRows = true }).Url))
        : null;

    /// <summary>A stop's page, looked at in the view's month, hour (none for the whole day) and day type.</summary>
    public string StopHref(string stopId) => PunctualityMap.StopHref(stopId, State);

    /// <summary>The note under the table: the stops left out, and why a delay may be a dash.</summary>
    public string? TooFewNote => TooFew == 0
        ? null
        : $"{Plural.Of(TooFew, "stop")} with fewer than {PunctualityFigures.MinObserved} observed departures {(TooFew == 1 ? "is" : "are")} grey on the map and not ranked here: too few to give a share.";
}

public static class PunctualityMap
{
    /// <summary>The sortable columns of the worst stops; <c>on_time</c> ascending (the worst first) is the default.</summary>
    public static readonly IReadOnlyList<SortColumn<StopPunctuality>> Columns =
    [
        new("name", "Stop", r => r.Name, Numeric: false),
        new("on_time", "On time", r => r.Figures.OnTimeShare!.Value, DescendingFirst: false),
        new("cancelled", "Cancelled", r => r.Figures.CancelledShare!.Value),
        new("early", "Early", r => r.Figures.EarlyShare!.Value),
        new("late", "Late", r => r.Figures.LateShare!.Value),
        new("very_late", "Very late", r => r.Figures.VeryLateShare!.Value),
        new("median_delay", "Median delay", r => r.Figures.ShownMedianDelay ?? int.MinValue),
        new("observed", "Observed departures", r => r.Figures.Observed),
        new("planned", "Planned departures", r => r.Figures.Planned),
    ];

    public const string DefaultSort = "on_time";

    /// <summary>The legend: <see cref="ColourScale.OnTime"/> and the grey of too few observed departures.</summary>
    public static readonly ColourScale Legend = ColourScale.OnTime with
    {
        Bins = [.. ColourScale.OnTime.Bins, new ColourBin(double.NaN, ColourScale.TooFewColour, $"fewer than {PunctualityFigures.MinObserved} observed")],
    };

    /// <summary>Marker radii in pixels: a stop with few departures stays visible, a busy one does not cover its neighbours.</summary>
    public const int MinRadius = 3, MaxRadius = 12;

    /// <summary>
    /// A marker's radius from its observed departures, on a square-root scale (the area grows with the departures):
    /// half the root, within <see cref="MinRadius"/> and <see cref="MaxRadius"/> (36 observed or fewer: 3; 576 or more: 12).
    /// </summary>
    public static int Radius(int observed) => Math.Clamp((int)Math.Round(Math.Sqrt(observed) / 2), MinRadius, MaxRadius);

    /// <summary>A stop's colour: its on-time share's bin, or grey when it has too few observed departures for a share.</summary>
    public static string Colour(PunctualityFigures figures) =>
        figures.OnTimeShare is { } share ? ColourScale.OnTime.ColourOf(share * 100) : ColourScale.TooFewColour;

    /// <summary>
    /// A marker per stop with a position: named and linked to its stop page, with its shares and departures. Sent as
    /// numbers (<see cref="StopMarkers"/>), from which map.js writes the popup; a national view has 5,500 stops.
    /// </summary>
    public static MapData Markers(IEnumerable<StopPunctuality> stops, MapState state) =>
        new([], Fit: state.DataSource is not null)
        {
            Stops = new StopMarkers(stops.Where(s => s.Lat is not null && s.Lon is not null).ToList(), StopHref(MapData.FromMark, state)),
        };

    /// <summary>What a marker's popup calls its figures, in the order <see cref="StopMarkers"/> sends them.</summary>
    public static readonly IReadOnlyList<string> FactNames = ["On time", "Late", "Very late", "Cancelled", "Departures observed / planned"];

    /// <summary>A share's place in the popup when the stop has too few observed departures for one.</summary>
    public static readonly string TooFewText = $"{Shares.Dash} (fewer than {PunctualityFigures.MinObserved} observed)";

    public const string LinkText = "The stop's page";

    /// <summary>The marker colours, by index: <see cref="ColourScale.OnTime"/>'s bins, then the grey of too few observed departures.</summary>
    public static readonly IReadOnlyList<string> Colours = [.. Legend.Bins.Select(b => b.Colour)];

    /// <summary>A stop's colour as an index into <see cref="Colours"/>: the same colour as <see cref="Colour"/>.</summary>
    public static int ColourIndex(PunctualityFigures figures)
    {
        if (figures.OnTimeShare is not { } share)
        {
            return Colours.Count - 1;
        }
        var bins = ColourScale.OnTime.Bins;
        var bin = ColourScale.OnTime.BinOf(share * 100);
        var i = 0;
        while (bins[i] != bin)
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// A share of <paramref name="count"/> in <paramref name="total"/> in tenths of a percent, rounded half away from
    /// zero: the digits <see cref="Shares.Percent"/> writes for (double)count / total (840 for "84.0 %"), in integers
    /// so that map.js has only to put the point in.
    /// </summary>
    public static int Tenths(int count, int total) => (int)((2000L * count + total) / (2L * total));

    /// <summary>A stop page's address in the view's month, hour (none for the whole day) and day type.</summary>
    public static string StopHref(string stopId, MapState state) =>
        StretchFacts.StopHref(stopId, state.Month, state.Hour == MapState.AllDay ? null : state.Hour, state.DayType);
}

/// <summary>
/// The punctuality view's markers as map.js reads them (<c>stops</c> in the map data): what every marker shares sent
/// once (fact names, the too-few text, the link template with <see cref="MapData.FromMark"/> where the stop id goes,
/// the colours) and per stop an array of what differs: lat, lon, colour index, radius, name, stop id, observed,
/// planned, then on time, late, very late and cancelled in tenths of a percent (<see cref="PunctualityMap.Tenths"/>),
/// left out below <see cref="PunctualityFigures.MinObserved"/> observed. map.js writes the popup from them as the
/// server did: "84.5 %", "1,234 / 1,300" (invariant culture, as the site's).
/// </summary>
[JsonConverter(typeof(StopMarkersConverter))]
public sealed record StopMarkers(IReadOnlyList<StopPunctuality> Stops, string LinkTemplate);

/// <summary>Writes <see cref="StopMarkers"/> straight to the output: no object per marker on the way.</summary>
internal sealed class StopMarkersConverter : JsonConverter<StopMarkers>
{
    public override StopMarkers Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The map data is written, never read.");

    public override void Write(Utf8JsonWriter writer, StopMarkers value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        Strings(writer, "factNames", PunctualityMap.FactNames);
        writer.WriteString("tooFew", PunctualityMap.TooFewText);
        writer.WriteString("link", value.LinkTemplate);
        writer.WriteString("linkText", PunctualityMap.LinkText);
        Strings(writer, "colours", PunctualityMap.Colours);
        writer.WriteStartArray("markers");
        foreach (var s in value.Stops)
        {
            var f = s.Figures;
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(s.Lat!.Value, MapData.PositionDecimals));
            writer.WriteNumberValue(Math.Round(s.Lon!.Value, MapData.PositionDecimals));
            writer.WriteNumberValue(PunctualityMap.ColourIndex(f));
            writer.WriteNumberValue(PunctualityMap.Radius(f.Observed));
            writer.WriteStringValue(s.Name);
            writer.WriteStringValue(s.StopId);
            writer.WriteNumberValue(f.Observed);
            writer.WriteNumberValue(f.Planned);
            if (f.Shown)
            {
                writer.WriteNumberValue(PunctualityMap.Tenths(f.OnTime, f.Observed));
                writer.WriteNumberValue(PunctualityMap.Tenths(f.Late, f.Observed));
                writer.WriteNumberValue(PunctualityMap.Tenths(f.VeryLate, f.Observed));
                writer.WriteNumberValue(PunctualityMap.Tenths(f.Cancelled, f.Observed + f.Cancelled));
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }
        writer.WriteEndArray();
    }
}
