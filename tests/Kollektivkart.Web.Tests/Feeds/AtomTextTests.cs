using System.Xml.Linq;
using Kollektivkart.Web.Feeds;

namespace Kollektivkart.Web.Tests.Feeds;

/// <summary>Stop and line names come from the registry as they are: a character XML cannot carry must not turn a feed into a 500.</summary>
public sealed class AtomTextTests
{
    [Theory]
    [InlineData("Bussterminal\u0001 Grorud", "Bussterminal Grorud")]
    [InlineData("Tog \ud83d\ude86 Oslo S", "Tog \ud83d\ude86 Oslo S")]
    [InlineData("Jernbanetorget", "Jernbanetorget")]
    public void Text_for_the_feed_leaves_out_only_what_XML_forbids(string name, string expected)
    {
        var text = AtomFeed.XmlText(name);

        Assert.Equal(expected, text);
        // What is left goes through XmlWriter and reads back unchanged.
        var element = new XElement("title", text);
        Assert.Equal(expected, XElement.Parse(element.ToString(SaveOptions.DisableFormatting)).Value);
    }

    [Fact]
    public void A_lone_surrogate_is_left_out()
    {
        // Built here: attribute arguments cannot carry a lone surrogate.
        var name = "Halv " + (char)0xD83D + " surrogat";

        Assert.Equal("Halv  surrogat", AtomFeed.XmlText(name));
    }
}
