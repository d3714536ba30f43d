using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>Search as you type, follow a result to its stop page, and the stop page's chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(SiteData data)
{
    [Fact]
    public async Task Typing_a_stop_name_lists_it_and_the_link_opens_its_stop_page_with_a_chart()
    {
        var site = await data.Browser();
        var hotSpots = await site.Api("/api/hot-spots/2025/2/15");
        var name = hotSpots.GetProperty("to_stop")[0].GetString()!;
        var stopId = hotSpots.GetProperty("to_stop_id")[0].GetString()!;
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/15/hot-spots");
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.Locator("#search-q").PressSequentiallyAsync(name[..Math.Min(name.Length, 6)], new LocatorPressSequentiallyOptions { Delay = 30 });
        var result = page.Locator($"#search-results a[href='/stops/{stopId}']");
        await Assertions.Expect(result).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "typing reloaded the page");

        await result.ClickAsync();
        await page.WaitForURLAsync(new Regex("/stops/" + Regex.Escape(stopId)), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        Assert.StartsWith(name, await page.TitleAsync(), StringComparison.Ordinal);
        await MapViewBrowserTests.WaitForMarkers(page);
        // Chart.js drew the hour-of-day chart on its canvas.
        await MapViewBrowserTests.ChartDrawn(page, "chart-hours");
        var bars = await page.EvaluateAsync<int>("Chart.getChart(document.querySelector('canvas[data-chart=chart-hours]')).data.labels.length");
        Assert.True(bars > 0);
        await MapViewBrowserTests.Screenshot(page, "stop-page");
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task The_header_s_search_button_sits_beside_its_box_as_big_and_blue_as_the_search_page_s(int width)
    {
        var site = await data.Browser();
        var page = await site.NewPage(width: width);
        await page.GotoAsync("/search?q=to");

        const string box = "(s) => { const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }";
        var input = await page.EvaluateAsync<double[]>(box, ".site-header #search-q");
        var button = await page.EvaluateAsync<double[]>(box, ".site-header .search button");

        // One row: the button's box starts right of the input and overlaps it vertically.
        Assert.True(button[0] >= input[0] + input[2], $"the button ({string.Join(", ", button)}) is not beside the input ({string.Join(", ", input)})");
        Assert.True(button[1] < input[1] + input[3] && input[1] < button[1] + button[3], "the button wrapped under the input");
        // WCAG 2.2 target size: at least 24 x 24 px.
        Assert.True(button[2] >= 24 && button[3] >= 24, $"the button is {button[2]} x {button[3]} px");
        // The same look as the search page's own button.
        const string look = "(s) => { const c = getComputedStyle(document.querySelector(s)); return [c.backgroundColor, c.color, c.fontSize, c.fontWeight, c.borderRadius, c.minHeight]; }";
        Assert.Equal(await page.EvaluateAsync<string[]>(look, "main form[role=search] button"), await page.EvaluateAsync<string[]>(look, ".site-header .search button"));
        await MapViewBrowserTests.Screenshot(page, $"search-page-{width}");
        await page.GotoAsync("/operators");
        await MapViewBrowserTests.Screenshot(page, $"operators-page-{width}");
    }

    [Fact]
    public async Task Changing_the_hour_on_a_line_page_swaps_the_view_and_keeps_the_address_shareable()
    {
        var site = await data.Browser();
        var lines = await site.Api("/api/lines/RUT");
        var lineRef = lines[0].GetProperty("line_ref").GetString()!;
        var page = await site.NewPage();
        await page.GotoAsync($"/lines/RUT/{lineRef}?month=2025-02&hour=15");
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.SelectOptionAsync("select[name=hour]", "8");
        await page.WaitForURLAsync(new Regex("hour=8"));
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        await Assertions.Expect(page.Locator("#view .summary")).ToContainTextAsync("08:00");

        var shared = await site.NewPage();
        await shared.GotoAsync(page.Url);
        Assert.Equal(await page.Locator("#view h2").AllTextContentsAsync(), await shared.Locator("#view h2").AllTextContentsAsync());
        await MapViewBrowserTests.Screenshot(shared, "line-page");
    }
}
