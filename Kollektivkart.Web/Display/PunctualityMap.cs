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

    /// <summary>A marker per stop with a position: named and linked to its stop page, with its shares and departures.</summary>
    public static MapData Markers(IEnumerable<StopPunctuality> stops, MapState state) =>
        new(stops.Where(s => s.Lat is not null && s.Lon is not null).Select(s => new MapMarker(
            s.Lat!.Value, s.Lon!.Value, Colour(s.Figures), Radius(s.Figures.Observed), s.Name, Facts(s.Figures),
            [new MapLink(StopHref(s.StopId, state), "The stop's page")])).ToList(), Fit: state.DataSource is not null);

    public static IReadOnlyList<string[]> Facts(PunctualityFigures f) =>
    [
        ["On time", Text(Shares.Percent(f.OnTimeShare))],
        ["Late", Text(Shares.Percent(f.LateShare))],
        ["Very late", Text(Shares.Percent(f.VeryLateShare))],
        ["Cancelled", Text(Shares.Percent(f.CancelledShare))],
        ["Departures observed / planned", $"{f.Observed:N0} / {f.Planned:N0}"],
    ];

    /// <summary>A stop page's address in the view's month, hour (none for the whole day) and day type.</summary>
    public static string StopHref(string stopId, MapState state) =>
        StretchFacts.StopHref(stopId, state.Month, state.Hour == MapState.AllDay ? null : state.Hour, state.DayType);

    private static string Text(string? figure) => figure ?? $"{Shares.Dash} (fewer than {PunctualityFigures.MinObserved} observed)";
}
