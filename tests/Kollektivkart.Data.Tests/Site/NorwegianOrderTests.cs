using Kollektivkart.Data.Site;

namespace Kollektivkart.Data.Tests.Site;

public sealed class NorwegianOrderTests
{
    /// <summary>As a Norwegian dictionary has them: case aside, accents second, Æ, Ø and Å after Z.</summary>
    private static readonly string[] InOrder = ["aker", "Aker", "Bergen", "Éclair", "Eidsvoll", "Zebra", "Ærfugl", "Ørje", "Åsane"];

    [Fact]
    public void Names_sort_as_a_norwegian_reader_expects()
    {
        var shuffled = InOrder.Reverse().Concat(InOrder).Distinct().OrderBy(n => n.Length).ToList();

        Assert.Equal(InOrder, shuffled.Order(NorwegianOrder.Names));
    }

    [Fact]
    public void The_order_comes_from_the_runtimes_icu()
    {
        // The projects keep ICU (InvariantGlobalization false), and the aspnet image carries it; the fallback is for a runtime without.
        Assert.True(NorwegianOrder.UsesIcu, "the runtime's nb-NO collation does not order Æ, Ø, Å after Z: ICU is missing");
    }

    [Fact]
    public void Without_icu_the_fallback_key_keeps_the_three_letters_after_z()
    {
        string[] names = ["Åsane", "Ørje", "Ærfugl", "Zebra", "aker", "Bergen"];

        var sorted = names.OrderBy(NorwegianOrder.FallbackKey, StringComparer.Ordinal);

        Assert.Equal(["aker", "Bergen", "Zebra", "Ærfugl", "Ørje", "Åsane"], sorted);
    }
}
