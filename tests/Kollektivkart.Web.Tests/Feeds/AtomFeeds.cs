using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Feeds;

/// <summary>A stretch as an entry lists it: its name and the address it links to.</summary>
public sealed record ListedStretch(string Name, string Href);

/// <summary>An entry read back: the parser's view, and its content's two lists of stretches.</summary>
public sealed record ReadEntry(SyndicationItem Item, IReadOnlyList<ListedStretch> Slower, IReadOnlyList<ListedStretch> Faster)
{
    public string Id => Item.Id;

    public string Title => Item.Title.Text;

    public string Alternate => Item.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString();
}

/// <summary>
/// Reads a feed as feed readers do (System.ServiceModel.Syndication's Atom 1.0 parser) after checking the XML rules
/// RFC 4287 sets and parsers let pass: well-formed, one id, title and updated on the feed and each entry, ids unique
/// absolute IRIs, timestamps RFC 3339, an author, one self link, content or an alternate link on each entry.
/// </summary>
public static class AtomFeeds
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static async Task<(SyndicationFeed Feed, IReadOnlyList<ReadEntry> Entries, string Xml)> Get(Site site, string url, params (string Name, string Value)[] headers)
    {
        using var response = await site.Get(url, headers);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}\n{xml}");
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var (feed, entries) = Read(xml);
        return (feed, entries, xml);
    }

    public static (SyndicationFeed Feed, IReadOnlyList<ReadEntry> Entries) Read(string xml)
    {
        CheckRules(xml);
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;
        var entries = feed.Items.Select(item =>
        {
            var content = Assert.IsType<TextSyndicationContent>(item.Content);
            Assert.Equal("html", content.Type);
            var html = Html.Parse(content.Text);
            return new ReadEntry(item, Listed(html, "Slower"), Listed(html, "Faster"));
        }).ToList();
        return (feed, entries);
    }

    /// <summary>The stretches of the list under the heading starting with <paramref name="heading"/>, in order.</summary>
    private static IReadOnlyList<ListedStretch> Listed(IHtmlDocument html, string heading) =>
        html.QuerySelectorAll("h2").FirstOrDefault(h => h.TextContent.StartsWith(heading, StringComparison.Ordinal)) is { } h2
            ? Assert.IsAssignableFrom<IHtmlOrderedListElement>(h2.NextElementSibling).QuerySelectorAll("li > a")
                .Select(a => new ListedStretch(a.TextContent, a.GetAttribute("href")!)).ToList()
            : [];

    private static void CheckRules(string xml)
    {
        var document = XDocument.Parse(xml);
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        CheckCommon(feed, "feed");
        Assert.True(feed.Elements(Atom + "author").Any(), "the feed has no author (its entries have none of their own)");
        Assert.All(feed.Elements(Atom + "author"), a => Assert.Single(a.Elements(Atom + "name")));
        var self = Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.True(Uri.IsWellFormedUriString((string?)self.Attribute("href"), UriKind.Absolute), "the self link is not absolute");
        var entries = feed.Elements(Atom + "entry").ToList();
        foreach (var entry in entries)
        {
            CheckCommon(entry, "entry");
            Assert.True(entry.Elements(Atom + "content").Any() || entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"),
                "an entry has neither content nor an alternate link");
        }
        var ids = entries.Select(e => e.Element(Atom + "id")!.Value).Prepend(feed.Element(Atom + "id")!.Value).ToList();
        Assert.True(ids.Distinct().Count() == ids.Count, "ids repeat: " + string.Join(", ", ids));
    }

    /// <summary>What a feed and an entry both must have exactly once, and the shape of their links.</summary>
    private static void CheckCommon(XElement element, string what)
    {
        foreach (var name in new[] { "id", "title", "updated" })
        {
            Assert.True(element.Elements(Atom + name).Count() == 1, $"a {what} has {element.Elements(Atom + name).Count()} atom:{name}");
        }
        Assert.True(Uri.TryCreate(element.Element(Atom + "id")!.Value, UriKind.Absolute, out _), $"a {what} id is not an absolute IRI");
        // RFC 3339 date-time: XmlConvert reads exactly xsd:dateTime, which it is a profile of; an offset is required.
        var updated = element.Element(Atom + "updated")!.Value;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", updated);
        XmlConvert.ToDateTimeOffset(updated);
        var alternates = element.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") is null or "alternate")
            .Select(l => ((string?)l.Attribute("type"), (string?)l.Attribute("hreflang"))).ToList();
        Assert.True(alternates.Distinct().Count() == alternates.Count, $"a {what} has two alternate links of one type and language");
        Assert.All(element.Elements(Atom + "link"), l => Assert.NotNull(l.Attribute("href")));
    }
}
