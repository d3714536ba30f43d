using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace Kollektivkart.Web.Tests.Pages.Lines;

/// <summary>One row of a direction's table: route number, stretch, delays (null: too few trips), and whether it is marked.</summary>
public sealed record RouteRow(int Order, string Stretch, int? DelayAdded, int? DelayOnArrival, bool Marked, string[] Cells);

/// <summary>One direction's section of a line page: "Towards X (from Y)", its chart block and its table.</summary>
public sealed record DirectionSection(string Title, string From, IElement Element, IReadOnlyList<RouteRow> Rows)
{
    public JsonDocument Chart() =>
        PageParts.Chart(Element, Element.QuerySelector("canvas[data-chart]")!.GetAttribute("data-chart")!);
}

/// <summary>Reads a line page's directions back from its HTML.</summary>
public static class LinePage
{
    public static IReadOnlyList<DirectionSection> Directions(IHtmlDocument page) =>
        page.QuerySelectorAll("section.direction").Select(Direction).ToList();

    public static DirectionSection Direction(IHtmlDocument page, string title) =>
        Assert.Single(Directions(page), d => d.Title == title);

    private static DirectionSection Direction(IElement section)
    {
        var heading = section.QuerySelector("h2")!;
        var from = Html.Text(heading.QuerySelector(".muted")!);
        var title = Html.Text(heading)[..^from.Length].TrimEnd();
        var table = section.QuerySelector("table.data-table")!;
        // The cells read below by position are the ones under these headers.
        Assert.Equal(["order", "name", "hourly_deviation", "hourly_delay"], table.QuerySelectorAll("thead th a").Take(4).Select(SortKey));
        var rows = table.QuerySelectorAll("tbody tr").Select(tr =>
        {
            var cells = tr.Children.Select(Html.Text).ToArray();
            var tooFew = cells.Length == 3;
            if (tooFew)
            {
                Assert.Equal("too few trips this hour", cells[2]);
            }
            var marked = tr.ClassList.Contains("adds-most");
            Assert.Equal(marked, tr.QuerySelector("th .badge") is not null);
            var stretch = string.Join(" \u2192 ", tr.QuerySelectorAll("th a:not(.stretch-link)").Select(Html.Text));
            return new RouteRow(
                int.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture),
                stretch,
                tooFew ? null : PageParts.Seconds(cells[2]),
                tooFew ? null : PageParts.Seconds(cells[3]),
                marked,
                cells);
        }).ToList();
        return new DirectionSection(title, from.Trim('(', ')'), section, rows);
    }

    private static string SortKey(IElement link)
    {
        var href = link.GetAttribute("href")!;
        return QueryHelpers.ParseQuery(href[href.IndexOf('?', StringComparison.Ordinal)..])["sort"].ToString();
    }
}
