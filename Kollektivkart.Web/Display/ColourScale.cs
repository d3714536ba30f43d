using System.Globalization;

namespace Kollektivkart.Web.Display;

/// <summary>A class of values with its colour and legend label.</summary>
public sealed record ColourBin(double UpTo, string Colour, string Label);

/// <summary>
/// Binned colour scales from ColorBrewer's colour-blind-safe schemes: YlOrRd for rush intensity
/// (pale is calm, dark red is the worst), RdBu for change (blue faster, red slower).
/// </summary>
public sealed record ColourScale(string Title, IReadOnlyList<ColourBin> Bins)
{
    public static readonly ColourScale RushIntensity = new("Rush intensity (1 = no rush)",
    [
        new(1.05, "#ffffb2", "1.0 or less"),
        new(1.25, "#fed976", "1.1\u20131.2"),
        new(1.45, "#feb24c", "1.3\u20131.4"),
        new(1.95, "#fd8d3c", "1.5\u20131.9"),
        new(2.95, "#f03b20", "2.0\u20132.9"),
        new(double.PositiveInfinity, "#bd0026", "3.0 or more"),
    ]);

    public static readonly ColourScale Change = new("Change in mean travel time",
    [
        new(-20, "#2166ac", "20 % faster or more"),
        new(-10, "#67a9cf", "10\u201320 % faster"),
        new(-3, "#d1e5f0", "3\u201310 % faster"),
        new(3, "#f7f7f7", "within 3 %"),
        new(10, "#fddbc7", "3\u201310 % slower"),
        new(20, "#ef8a62", "10\u201320 % slower"),
        new(double.PositiveInfinity, "#b2182b", "20 % slower or more"),
    ]);

    /// <summary>The changes' two kinds, from the ends of <see cref="Change"/>: read with -1 (improved) or 1 (regressed).</summary>
    public static readonly ColourScale ChangeKind = new("Kind of change (larger marker: larger impact)",
    [
        new(0, "#2166ac", "\u25bc Faster: improved"),
        new(double.PositiveInfinity, "#b2182b", "\u25b2 Slower: regressed"),
    ]);

    /// <summary>
    /// On-time share of observed departures (data-model.md section 9), from ColorBrewer's colour-blind-safe RdYlBu: red is
    /// the worst, blue the best. Read with the share as a percentage; a stop with too few observed departures is
    /// <see cref="TooFewColour"/>.
    /// </summary>
    public static readonly ColourScale OnTime = new("Departures on time (1 min early to 3 min late)",
    [
        new(60, "#d73027", "under 60 %"),
        new(70, "#fc8d59", "60\u201370 %"),
        new(80, "#fee090", "70\u201380 %"),
        new(90, "#e0f3f8", "80\u201390 %"),
        new(95, "#91bfdb", "90\u201395 %"),
        new(double.PositiveInfinity, "#4575b4", "95 % or more"),
    ]);

    /// <summary>The colour of a stop whose share is not shown (fewer than 20 observed departures).</summary>
    public const string TooFewColour = "#bdbdbd";

    public ColourBin BinOf(double value) => Bins.First(b => value < b.UpTo || double.IsPositiveInfinity(b.UpTo));

    public string ColourOf(double value) => BinOf(value).Colour;

    public static string Swatch(string colour) => string.Create(CultureInfo.InvariantCulture, $"background:{colour}");
}
