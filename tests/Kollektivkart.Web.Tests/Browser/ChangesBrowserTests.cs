using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// The changes page in Chromium, on the hand-built stats.db (<see cref="HandBuiltStatsDb.ChangeLegs"/>): on Saturdays in
/// February Sierra to Tango got faster (the larger impact) and Alfa to Bravo slower.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChangesBrowserTests(SiteData data)
{
    [Fact]
    public async Task Open_the_changes_sort_by_impact_and_follow_a_row_to_its_stretch()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage();

        // The site runs on today's date, so every hand-built month is offered and the newest is March.
        await page.GotoAsync("/changes?day=saturday");
        await page.WaitForURLAsync(new Regex(@"/2025/3/changes\?day=saturday$"));
        await Assertions.Expect(page.Locator("#view .notice").First).ToContainTextAsync("March 2025 is still running");
        await MapViewBrowserTests.WaitForMarkers(page);
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.SelectOptionAsync("select[name=month]", "2025-02");
        await page.WaitForURLAsync(new Regex(@"/2025/2/changes\?day=saturday$"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("February 2025 against January 2025");
        await Assertions.Expect(page.Locator("#view tbody tr")).ToHaveCountAsync(2);
        await MapViewBrowserTests.WaitForMarkers(page, 2);
        await Assertions.Expect(page.Locator("#view tbody tr").First.Locator("th")).ToHaveTextAsync("Sierra \u2192 Tango");

        await page.ClickAsync("#view thead a:text-is('Impact, vehicle time')");
        await page.WaitForURLAsync(new Regex(@"/2025/2/changes\?day=saturday&sort=impact&dir=asc"));
        await Assertions.Expect(page.Locator("th[aria-sort=ascending]")).ToContainTextAsync("Impact");
        await Assertions.Expect(page.Locator("#view tbody tr").First.Locator("th")).ToHaveTextAsync("Alfa \u2192 Bravo");
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        await MapViewBrowserTests.Screenshot(page, "changes-desktop");

        await page.ClickAsync("#view tbody tr:first-child th a");
        await page.WaitForURLAsync(new Regex("/stretches/"), MapViewBrowserTests.Committed);
        // The stretch page then adds its map position to the address.
        Assert.StartsWith($"/stretches/{Alfa.Id}/{Bravo.Id}?month=2025-02&hour={Hour}&day=saturday", Uri.UnescapeDataString(new Uri(page.Url).PathAndQuery));
        // The stretch page itself, on Saturdays at that hour, with its history drawn.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"From {Alfa.Name} to {Bravo.Name}");
        await MapViewBrowserTests.ChartDrawn(page, "chart-history-0");
    }
}
