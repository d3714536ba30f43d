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

    public ColourBin BinOf(double value) => Bins.First(b => value < b.UpTo || double.IsPositiveInfinity(b.UpTo));

    public string ColourOf(double value) => BinOf(value).Colour;

    public static string Swatch(string colour) => string.Create(CultureInfo.InvariantCulture, $"background:{colour}");
}
