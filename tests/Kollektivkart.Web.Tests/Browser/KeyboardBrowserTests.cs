using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// The map views with a keyboard: the selectors come before the map and its markers, a choice keeps the focus on its
/// select, and the live region says in a line what came in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardBrowserTests(SiteData data)
{
    private const int MaxTabsToSelectors = 10;

    [Fact]
    public async Task From_the_top_of_every_view_with_a_map_the_month_selector_is_at_most_ten_tabs_away_and_no_marker_is_a_tab_stop()
    {
        // The hand-built stats.db: 1,000 hot spots at HotSpotHour (a national page's markers), and every other view.
        var site = await data.HandBrowser();
        var page = await site.NewPage(width: 1400, height: 900);
        var line = HandBuiltStatsDb.Lines[0];
        var views = new[]
        {
            $"/2025/2/{HandBuiltStatsDb.HotSpotHour}/hot-spots", $"/2025/2/{HandBuiltStatsDb.Hour}/legs/RUT",
            $"/2025/2/{HandBuiltStatsDb.Hour}/comparison/2025/1", "/2025/2/changes?day=saturday",
            $"/2025/2/{HandBuiltPunctuality.MapHour}/punctuality",
            // The pages with a map of their own: a stop, a line, a stretch.
            $"/stops/{HandBuiltStatsDb.PrinsensGate.Id}?month=2025-01", $"/lines/{line.DataSource}/{line.LineRef}?month=2025-01",
            $"/stretches/{HandBuiltStatsDb.PrinsensGate.Id}/{HandBuiltStatsDb.Torget.Id}?month=2025-01",
        };
        foreach (var view in views)
        {
            await page.GotoAsync(view);
            await Drawn(page);
            // A line page draws its route as lines, without markers; every other view has markers to tab past.
            Assert.True(view.StartsWith("/lines/", StringComparison.Ordinal) || await MapViewBrowserTests.MarkerCount(page) > 0,
                $"{view} drew no marker to tab through");

            var tabs = 0;
            var focused = "";
            while (focused != "month" && tabs < 50)
            {
                await page.Keyboard.PressAsync("Tab");
                tabs++;
                focused = await FocusedName(page);
            }
            Assert.True(tabs <= MaxTabsToSelectors, $"{view}: the month selector took {tabs} Tab presses");

            // The map is one stop, named, and panned with the arrow keys; after it come Leaflet's zoom buttons and
            // attribution links, its own controls, and then the page again: no marker takes the focus on the way.
            Assert.Contains("arrow keys", await page.GetAttributeAsync("#map", "aria-label") ?? "", StringComparison.Ordinal);
            await page.FocusAsync("#map");
            var stopsInMap = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var stop = await page.EvaluateAsync<string?>(@"(() => {
                    const e = document.activeElement;
                    return e.closest('#map') ? `${e.tagName} ${e.getAttribute('class') ?? ''}` : null;
                })()");
                if (stop is null)
                {
                    break;
                }
                stopsInMap.Add(stop);
            }
            Assert.True(stopsInMap.Count < 20, $"{view}: Tab did not leave the map");
            Assert.All(stopsInMap, stop => Assert.DoesNotContain("leaflet-interactive", stop, StringComparison.Ordinal));
        }

        // A marker is still a click target: its popup opens.
        await page.Locator("#map path.leaflet-interactive").Last.ClickAsync(new LocatorClickOptions { Force = true });
        await Assertions.Expect(page.Locator(".leaflet-popup-content .map-title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_choice_keeps_the_focus_on_its_select_or_sort_link_and_the_live_region_says_what_came_in_in_a_line()
    {
        var site = await data.Browser();
        var page = await site.NewPage(width: 1400, height: 900);
        await page.GotoAsync("/2025/2/9/hot-spots");
        await Drawn(page);
        await page.EvaluateAsync("window.__map = document.getElementById('map')");

        await page.FocusAsync("select[name=hour]");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.WaitForURLAsync(new Regex("/2025/2/8/hot-spots"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("08:00");
        Assert.Equal("hour", await FocusedName(page));

        // Arrow keys go on choosing from the select of the new view.
        await page.Keyboard.PressAsync("ArrowUp");
        await page.WaitForURLAsync(new Regex("/2025/2/7/hot-spots"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("07:00");
        Assert.Equal("hour", await FocusedName(page));

        var rows = (await site.Api("/api/hot-spots/2025/2/7")).GetProperty("name").GetArrayLength();
        await Assertions.Expect(page.Locator("#view-status")).ToContainTextAsync($"{rows:N0} stretches");
        var status = await page.Locator("#view-status").TextContentAsync() ?? "";
        Assert.Contains("07:00", status, StringComparison.Ordinal);
        Assert.True(status.Length < 120, $"the live region says {status.Length} characters: {status}");

        // Sorting with the keyboard keeps the focus on the header link followed, in the sorted view.
        await page.FocusAsync("#view thead a:text-is('Vehicles this hour')");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("sort=hourly_count"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Vehicles this hour");
        Assert.Equal("Vehicles this hour", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));

        // The live region is the status line alone: no table is read out.
        Assert.True(await page.Locator("#view table.data-table").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("[aria-live] table, [role=status] table, [role=log] table").CountAsync());
        Assert.Equal(0, await page.Locator("#view[aria-live], #view [aria-live]:has(table)").CountAsync());

        await page.FocusAsync("select[name=day]");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForURLAsync(new Regex(@"/2025/2/7/hot-spots\?(.*&)?day=saturday"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view-status")).ToContainTextAsync("Saturdays");
        Assert.Equal("day", await FocusedName(page));

        // The map stayed the same through every swap (hx-preserve).
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('map') === window.__map"), "the map was made anew by the swap");
    }

    private static Task<string> FocusedName(IPage page) =>
        page.EvaluateAsync<string>("document.activeElement?.getAttribute('name') ?? ''");

    /// <summary>Until map.js has drawn the view's markers (a selector wait: the site's CSP forbids Playwright's polled functions).</summary>
    internal static Task Drawn(IPage page) =>
        page.WaitForSelectorAsync("#map[data-marker-count]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
}
