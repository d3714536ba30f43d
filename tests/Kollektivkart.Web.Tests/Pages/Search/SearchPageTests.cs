using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Kollektivkart.Web.Tests.Pages.Stops;
using Kollektivkart.Web.Tests.Support;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages.Search;

/// <summary>One search result as listed: where it links, its name, and what it is ("stop · AtB").</summary>
public sealed record Found(string Href, string Name, string About);

/// <summary>
/// The search page and the list the search box swaps in, on the hand-built stats.db: Torget is a stop
/// in Trondheim (AtB) and in Bergen (Skyss), and AtB line 11 ends at Trondheim's.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SearchPageTests(SiteData data)
{
    private static readonly Found[] TorgetResults =
    [
        new($"/stops/{TorgetBergen.Id}", "Torget", "stop · Skyss"),
        new($"/stops/{Torget.Id}", "Torget", "stop · AtB"),
        new("/lines/ATB/ATB:Line:11", "ATB 11", "line · Prinsens gate \u2013 Torget (AtB)"),
    ];

    private static string SearchUrl(string q) => "/search?q=" + Uri.EscapeDataString(q);

    private static IReadOnlyList<Found> Results(IParentNode results) =>
        results.QuerySelectorAll("ul.search-list li").Select(li => new Found(
            li.QuerySelector("a")!.GetAttribute("href")!,
            Html.Text(li.QuerySelector("a")!),
            Html.Text(li.QuerySelector(".muted")!))).ToList();

    private static async Task<IParentNode> FullPage(Site site, string q)
    {
        var body = await site.GetOk(SearchUrl(q));
        Assert.Contains("<html", body, StringComparison.Ordinal);
        var page = Html.Parse(body);
        Assert.Equal(q.Trim(), page.QuerySelector("main input[name=q]")?.GetAttribute("value"));
        return page.QuerySelector("#page-results")!;
    }

    private static async Task<IParentNode> ResultList(Site site, string q)
    {
        using var response = await site.Get(SearchUrl(q), ("HX-Request", "true"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HX-Request", response.Headers.Vary);
        Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
        var list = Html.Parse(body);
        Assert.Null(list.QuerySelector("form"));
        return list;
    }

    [Fact]
    public async Task The_page_lists_matching_stops_with_their_operators_and_lines_each_a_link_that_answers()
    {
        var site = await data.Hand();

        var results = Results(await FullPage(site, "torget"));

        Assert.Equal(TorgetResults, results);
        await PageParts.AllAnswer(site, results.Select(r => r.Href));
        var line = Html.Parse(await site.GetOk("/lines/ATB/ATB:Line:11"));
        Assert.Equal("AtB line 11", Html.Text(line.QuerySelector("#view h1")!));
    }

    [Fact]
    public async Task Same_named_stops_in_two_towns_are_both_listed_told_apart_by_operator()
    {
        var site = await data.Hand();

        var stops = Results(await FullPage(site, "Torget")).Where(r => r.About.StartsWith("stop", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stops.Count);
        Assert.All(stops, s => Assert.Equal("Torget", s.Name));
        Assert.Equal(2, stops.Select(s => s.About).Distinct().Count());
        Assert.Equal(2, stops.Select(s => s.Href).Distinct().Count());
        foreach (var (stop, town) in new[] { (Torget, Solsiden), (TorgetBergen, Tango) })
        {
            // Each link leads to its own town's Torget: the stretch into it comes from a stop nearby.
            var page = Html.Parse(await site.GetOk($"/stops/{stop.Id}"));
            Assert.Contains(town.Name, Html.Text(page.QuerySelector("#view")!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Htmx_gets_only_the_result_list()
    {
        var site = await data.Hand();

        var list = await ResultList(site, "torget");

        Assert.Equal(TorgetResults, Results(list));
    }

    [Theory]
    [InlineData("TORGET")]
    [InlineData("ToRgEt")]
    [InlineData("  torget  ")]
    [InlineData("orge")]
    public async Task Case_and_surrounding_spaces_do_not_matter(string q)
    {
        var site = await data.Hand();

        Assert.Equal(TorgetResults, Results(await FullPage(site, q)));
    }

    [Theory]
    [InlineData("ila", new[] { "/stops/NSR:StopPlace:21", "/lines/ATB/ATB:Line:3" })]
    [InlineData("AtB 3", new[] { "/lines/ATB/ATB:Line:3" })]
    [InlineData("atb 3", new[] { "/lines/ATB/ATB:Line:3" })]
    [InlineData("Ruter 31", new[] { "/lines/RUT/RUT:Line:31" })]
    [InlineData("RUT:Line:N5", new[] { "/lines/RUT/RUT:Line:N5" })]
    public async Task Stops_are_found_by_name_and_lines_by_operator_number_ref_or_terminus(string q, string[] hrefs)
    {
        var site = await data.Hand();

        var results = Results(await FullPage(site, q));

        Assert.Equal(hrefs, results.Select(r => r.Href).Take(hrefs.Length));
        await PageParts.AllAnswer(site, results.Select(r => r.Href));
    }

    [Theory]
    [InlineData("T")]
    [InlineData("%")]
    [InlineData(" x ")]
    public async Task One_character_finds_nothing_and_asks_for_more(string q)
    {
        var site = await data.Hand();

        foreach (var results in new[] { await FullPage(site, q), await ResultList(site, q) })
        {
            Assert.Empty(Results(results));
            Assert.Equal("Type at least 2 characters.", Html.Text(results.QuerySelector("p.muted")!));
        }
    }

    [Fact]
    public async Task An_empty_search_shows_the_form_and_nothing_else()
    {
        var site = await data.Hand();

        var results = await FullPage(site, "");

        Assert.Empty(Results(results));
        Assert.Empty(((IElement)results).Children);
    }

    [Theory]
    // Line 5 ends at "Storgata, \"nord\" <b>": these once matched it as a word of separators.
    [InlineData("%%")]
    [InlineData("__")]
    [InlineData("--")]
    [InlineData("t_rget")]
    [InlineData("tor%")]
    [InlineData("%orget")]
    [InlineData("'Torget'")]
    [InlineData("\"Torget\"")]
    [InlineData("' OR 1=1 --")]
    [InlineData("%' OR '1'='1")]
    [InlineData("Torget'; DROP TABLE stops; --")]
    public async Task Pattern_characters_and_quotes_are_taken_literally(string q)
    {
        var site = await data.Hand();

        foreach (var results in new[] { await FullPage(site, q), await ResultList(site, q) })
        {
            Assert.Empty(Results(results));
            Assert.StartsWith($"Nothing matches \u201c{q}\u201d.", Html.Text(results.QuerySelector("p.muted")!), StringComparison.Ordinal);
        }
        // The stops are all still there.
        Assert.Equal(TorgetResults, Results(await FullPage(site, "torget")));
    }

    [Fact]
    public async Task Quotes_in_a_name_are_found_as_typed()
    {
        var site = await data.Hand();

        var results = Results(await FullPage(site, "\"nord\" <b"));

        // Lines 5 and N5 end at Delta.
        Assert.Equal(
            [
                new Found($"/stops/{Delta.Id}", Delta.Name, "stop · Ruter"),
                new Found("/lines/RUT/RUT:Line:5", "RUT 5", $"line · Charlie \u2013 {Delta.Name} (Ruter)"),
                new Found("/lines/RUT/RUT:Line:N5", "RUT N5", $"line · Charlie \u2013 {Delta.Name} (Ruter)"),
            ],
            results);
    }

    [Theory]
    [InlineData(101, 400)]
    [InlineData(100, 200)]
    public async Task A_search_is_at_most_100_characters(int length, int status)
    {
        var site = await data.Hand();
        var q = new string('a', length);

        using var response = await site.Get(SearchUrl(q));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        NoStackTrace.In(body);
        if (status == 400)
        {
            await PageParts.ErrorPage(site, SearchUrl(q), 400, "A search is at most 100 characters.");
        }
    }

    [Fact]
    public async Task On_the_demo_pond_a_stop_and_a_line_are_found_by_name()
    {
        var site = await data.Demo();
        // Picked from the API: a stop stretches arrive at in February, and an operator's first line.
        var hotSpots = ApiFrame.Parse(await site.GetOk($"/api/hot-spots/2025/2/{PageHour}"), ApiFrame.LegStatFields);
        Assert.True(hotSpots.Count > 0, "the demo data has no statistics at 15:00 in February");
        var (stopId, stopName) = (hotSpots.String("to_stop_id", 0), hotSpots.String("to_stop", 0));
        var ds = hotSpots.String("data_source", 0);
        using var lines = JsonDocument.Parse(await site.GetOk($"/api/lines/{ds}"));
        var line = lines.RootElement.EnumerateArray().First();
        var (lineRef, label) = (line.GetProperty("line_ref").GetString()!, line.GetProperty("label").GetString()!);

        var stops = Results(await FullPage(site, stopName));
        var found = Results(await ResultList(site, $"{ds} {label}"));

        Assert.Contains(stops, r => r.Href == $"/stops/{stopId}" && r.Name == stopName);
        Assert.Contains(found, r => r.Href == $"/lines/{ds}/{lineRef}");
        await PageParts.AllAnswer(site, stops.Concat(found).Select(r => r.Href));
    }

    [Fact]
    public async Task The_page_s_search_and_the_header_s_are_two_search_landmarks_with_distinct_names()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk(SearchUrl("Torget")));

        var names = page.QuerySelectorAll("[role=search], search").Select(l => l.GetAttribute("aria-label")).ToList();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
