using System.Globalization;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;

namespace Kollektivkart.Web.Tests.Display;

/// <summary>
/// The punctuality map data sends shares in tenths of a percent and colours as indices, from which map.js writes what
/// the server wrote before: they must give the same digits as <see cref="Shares.Percent"/> and the same colour.
/// </summary>
public sealed class PunctualityMapTests
{
    /// <summary>Tenths as map.js writes them: "84.5 %".</summary>
    private static string Written(int tenths) => string.Create(CultureInfo.InvariantCulture, $"{tenths / 10}.{tenths % 10}\u00a0%");

    /// <summary>Every count of every total up to 1,000 departures, and some larger: the half-way cases (840.5 tenths) included.</summary>
    [Fact]
    public void Tenths_give_the_digits_of_Shares_Percent_for_every_count()
    {
        var totals = Enumerable.Range(1, 1000).Concat([1999, 2000, 4096, 12_345, 99_999, 1_000_000, 2_000_000]);
        foreach (var total in totals)
        {
            var step = Math.Max(1, total / 5000);
            for (var count = 0; count <= total; count += step)
            {
                var expected = Shares.Percent((double)count / total);
                if (Written(PunctualityMap.Tenths(count, total)) != expected)
                {
                    Assert.Fail($"{count} of {total}: {Written(PunctualityMap.Tenths(count, total))}, the table writes {expected}");
                }
            }
        }
        // 1,681 of 2,000 is 84.05 %, rounded up as the table rounds it; 1 of 16 is 6.25 %.
        Assert.Equal(841, PunctualityMap.Tenths(1681, 2000));
        Assert.Equal(63, PunctualityMap.Tenths(1, 16));
        Assert.Equal(1000, PunctualityMap.Tenths(7, 7));
    }

    [Fact]
    public void A_colour_index_names_the_colour_of_the_stop()
    {
        for (var onTime = 0; onTime <= 40; onTime++)
        {
            var shown = new PunctualityFigures(40, 0, 40, 0, 0, onTime, 40 - onTime, 0, null, null);
            Assert.Equal(PunctualityMap.Colour(shown), PunctualityMap.Colours[PunctualityMap.ColourIndex(shown)]);
        }
        var tooFew = new PunctualityFigures(19, 0, 19, 0, 0, 19, 0, 0, null, null);
        Assert.Equal(ColourScale.TooFewColour, PunctualityMap.Colours[PunctualityMap.ColourIndex(tooFew)]);
    }
}
