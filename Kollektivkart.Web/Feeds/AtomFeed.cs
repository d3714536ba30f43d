using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Feeds;

/// <summary>
/// Where a feed's links point and what its ids are: <see cref="BaseUrl"/> (scheme and host, no trailing slash)
/// makes the site's addresses absolute; ids are tag URIs (RFC 4151) under <see cref="TagAuthority"/>, so they
/// depend on neither.
/// </summary>
public sealed record FeedLinks(string BaseUrl, string TagAuthority)
{
    public string Absolute(string href) => BaseUrl + href;

    public string Tag(string specific) => $"tag:{TagAuthority}:{specific}";
}

/// <summary>
/// A feed as written: its scope and day type, its pages (relative addresses), and its entries newest first, with
/// the page each entry stands for.
/// </summary>
public sealed record FeedDocument(
    FeedScope Scope, DayType DayType, string SelfHref, string? PageHref, DateTimeOffset Updated,
    IReadOnlyList<FeedEntry> Entries, Func<FeedEntry, string> EntryHref);

/// <summary>Writes a changes feed as Atom 1.0 (RFC 4287), entry content as escaped HTML.</summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>
    /// The same feed opened in a browser tab: Chromium shows application/atom+xml as plain text and applies an XSL
    /// stylesheet only to an XML type, so a browser's navigation (<c>Sec-Fetch-Dest: document</c>, which feed readers
    /// do not send) gets the same bytes as application/xml.
    /// </summary>
    public const string BrowserContentType = "application/xml; charset=utf-8";

    public const string BrowserHeader = "Sec-Fetch-Dest";

    /// <summary>Whether a browser opens the feed as a page (<see cref="BrowserContentType"/>).</summary>
    public static bool OpenedInBrowser(HttpRequest request) =>
        string.Equals(request.Headers[BrowserHeader], "document", StringComparison.OrdinalIgnoreCase);

    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>What a browser shows a feed with (wwwroot/feeds/feed.xsl); same origin as the feed, as XSLT requires.</summary>
    public const string Stylesheet = "/feeds/feed.xsl";

    public static byte[] Write(FeedDocument feed, FeedLinks links)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            // A browser opening the feed shows a page saying what a feed is; feed readers ignore the instruction.
            w.WriteProcessingInstruction("xml-stylesheet", $"type=\"text/xsl\" href=\"{Stylesheet}\"");
            w.WriteStartElement("feed", Atom);
            w.WriteAttributeString("xml", "lang", null, "en");
            var day = feed.DayType.Name();
            Element(w, "id", links.Tag($"feeds/{feed.Scope.Path}/{day}"));
            Element(w, "title", $"{feed.Scope.Name}{DayPart(feed.DayType)}: where stretches got slower or faster, month by month");
            Element(w, "subtitle",
                $"Kollektivkart: one entry per complete month with changes, compared with the month before on {feed.DayType.Label().ToLowerInvariant()}, "
                + $"the {ChangeFeed.TopStretches} largest regressions and improvements in each; the newest {ChangeFeed.MonthsCovered} complete months.");
            Element(w, "updated", Timestamp(feed.Updated));
            w.WriteStartElement("author", Atom);
            Element(w, "name", "Kollektivkart");
            Element(w, "uri", links.Absolute("/"));
            w.WriteEndElement();
            Link(w, "self", "application/atom+xml", links.Absolute(feed.SelfHref));
            if (feed.PageHref is { } page)
            {
                Link(w, "alternate", "text/html", links.Absolute(page));
            }
            Element(w, "rights", "Data: Entur real-time arrivals (NLOD licence)");
            foreach (var entry in feed.Entries)
            {
                WriteEntry(w, feed, entry, links);
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    /// <summary>"Ruter, February 2025: 12 stretches slower, 5 faster"; the day type named when it is not weekdays.</summary>
    public static string EntryTitle(FeedScope scope, DayType dayType, FeedEntry entry) =>
        $"{scope.Name}, {Choices.Format(entry.Month)}{DayPart(dayType)}: {Stretches(entry.SlowerCount)} slower, {entry.FasterCount:N0} faster";

    private static void WriteEntry(XmlWriter w, FeedDocument feed, FeedEntry entry, FeedLinks links)
    {
        w.WriteStartElement("entry", Atom);
        Element(w, "id", links.Tag($"feeds/{feed.Scope.Path}/{MapState.MonthValue(entry.Month)}/{feed.DayType.Name()}"));
        Element(w, "title", EntryTitle(feed.Scope, feed.DayType, entry));
        Element(w, "updated", Timestamp(entry.Updated));
        Link(w, "alternate", "text/html", links.Absolute(feed.EntryHref(entry)));
        Element(w, "summary", Summary(feed, entry));
        w.WriteStartElement("content", Atom);
        w.WriteAttributeString("type", "html");
        w.WriteString(XmlText(Content(feed, entry, links)));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static string Summary(FeedDocument feed, FeedEntry entry) =>
        $"{feed.DayType.Label()} in {Choices.Format(entry.Month)} against {Choices.Format(entry.Baseline)}: "
        + $"{Stretches(entry.SlowerCount)} got slower and {Stretches(entry.FasterCount)} faster{(feed.Scope.StopId is null ? "" : " into or out of the stop")}.";

    private static string Content(FeedDocument feed, FeedEntry entry, FeedLinks links)
    {
        var html = new StringBuilder();
        html.Append("<p>").Append(Encode(Summary(feed, entry)))
            .Append(" An hour counts as slower when its typical trip takes at least 30 s longer and at least as long as the slowest quarter of trips did the month before; faster, the reverse. Impact is the change times the trips that month (vehicle-seconds).</p>");
        foreach (var (heading, count, stretches) in new[] { ("Slower", entry.SlowerCount, entry.Slower), ("Faster", entry.FasterCount, entry.Faster) })
        {
            if (count == 0)
            {
                continue;
            }
            html.Append("<h2>").Append(heading)
                .Append(count > stretches.Count ? $" (the {stretches.Count} with the most impact of {count:N0})" : "")
                .Append("</h2><ol>");
            foreach (var stretch in stretches)
            {
                Item(html, stretch, entry.Month, feed.DayType, links);
            }
            html.Append("</ol>");
        }
        html.Append("<p><a href=\"").Append(Encode(links.Absolute(feed.EntryHref(entry)))).Append("\">All changes that month</a></p>");
        return html.ToString();
    }

    /// <summary>A stretch linked to its page at its hour with the most impact, then each changed hour and the impact.</summary>
    private static void Item(StringBuilder html, StretchChange stretch, DateOnly month, DayType dayType, FeedLinks links)
    {
        var hour = stretch.Hours.MaxBy(h => h.Impact)!.Hour;
        var href = links.Absolute(StretchFacts.StretchHref(stretch.FromStopId, stretch.ToStopId, month, hour, dayType));
        var hours = string.Join(", ", stretch.Hours.Select(h =>
            $"{h.Hour:00}:00 {Durations.Signed(h.Delta)} ({Durations.Format(h.BaselineDuration)} \u2192 {Durations.Format(h.Duration)})"));
        html.Append("<li><a href=\"").Append(Encode(href)).Append("\">").Append(Encode(stretch.Name)).Append("</a> (")
            .Append(Encode(stretch.DataSource)).Append("): ").Append(Encode(hours))
            .Append("; impact ").Append(stretch.Impact.ToString("N0", CultureInfo.InvariantCulture)).Append(" vehicle-seconds</li>");
    }

    /// <summary>An Atom element with text from the data (stop and line names), which may hold characters XML cannot carry.</summary>
    private static void Element(XmlWriter w, string name, string text) => w.WriteElementString(name, Atom, XmlText(text));

    /// <summary>
    /// The text without the characters XML 1.0 forbids (control characters, lone surrogates), which XmlWriter would
    /// refuse with an exception: a name with one still gives a feed, with that character left out.
    /// </summary>
    internal static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }

    private static void Link(XmlWriter w, string rel, string type, string href)
    {
        w.WriteStartElement("link", Atom);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string DayPart(DayType dayType) => dayType == DayType.Weekday ? "" : ", " + dayType.Label();

    private static string Stretches(int count) => Plural.Of(count, "stretch");

    /// <summary>RFC 3339 with the Norwegian offset, seconds only.</summary>
    private static string Timestamp(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
