using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>A stretch page opened from a hot spot's row, with its history drawn by Chart.js.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StretchBrowserTests(SiteData data)
{
    [Fact]
    public async Task A_hot_spot_rows_arrow_opens_its_stretch_page_with_the_history_chart()
    {
        var site = await data.Browser();
        var hotSpots = await site.Api("/api/hot-spots/2025/2/15");
        // The API lists the mildest first (the original's order); the table's first row is its last.
        var worst = hotSpots.GetProperty("name").GetArrayLength() - 1;
        var from = hotSpots.GetProperty("from_stop")[worst].GetString()!;
        var to = hotSpots.GetProperty("to_stop")[worst].GetString()!;
        var fromId = hotSpots.GetProperty("from_stop_id")[worst].GetString()!;
        var toId = hotSpots.GetProperty("to_stop_id")[worst].GetString()!;
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/15/hot-spots");
        await MapViewBrowserTests.WaitForMarkers(page);

        await page.Locator("#view table.data-table tbody tr").First.Locator("a.stretch-link").ClickAsync();

        await page.WaitForURLAsync(new Regex($"/stretches/{Regex.Escape(fromId)}/{Regex.Escape(toId)}\\?month=2025-02&hour=15"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view h1")).ToHaveTextAsync($"From {from} to {to}");
        await MapViewBrowserTests.ChartDrawn(page, "chart-history-0");
        var chart = await page.EvaluateAsync<int[]>(
            "(() => { const c = Chart.getChart(document.querySelector('canvas[data-chart=chart-history-0]')); return [c.data.labels.length, c.data.datasets.length]; })()");
        Assert.True(chart[0] >= 1, "the history chart has no month");
        Assert.Equal(3, chart[1]);
        // A few months' points joined by a curve that does not overshoot them.
        Assert.Equal(["monotone", "monotone", "monotone"], await page.EvaluateAsync<string[]>(
            "Chart.getChart(document.querySelector('canvas[data-chart=chart-history-0]')).data.datasets.map(d => d.cubicInterpolationMode)"));
        Assert.Equal(2, await MapViewBrowserTests.MarkerCount(page));
        await MapViewBrowserTests.Screenshot(page, "stretch-page");

        // Another day type swaps the view in place and keeps the address shareable.
        await page.EvaluateAsync("window.__sameDocument = true");
        await page.SelectOptionAsync("#view select[name=day]", "saturday");
        await page.WaitForURLAsync(new Regex("day=saturday"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view .summary")).ToContainTextAsync("saturdays");
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
    }
}
