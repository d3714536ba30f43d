using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>The map views in Chromium: htmx swaps without reloads, addresses that reproduce a view, and the site without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MapViewBrowserTests(SiteData data)
{
    [Fact]
    public async Task Changing_the_hour_redraws_the_markers_and_pushes_the_address_without_a_reload()
    {
        var site = await data.Browser();
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/15/hot-spots");
        await WaitForMarkers(page);
        // A reload would lose this.
        await page.EvaluateAsync("window.__sameDocument = true");
        var before = await MarkerCount(page);
        Assert.Equal(before, await page.Locator("#view table.data-table tbody tr").CountAsync());

        await page.SelectOptionAsync("select[name=hour]", "8");
        await page.WaitForURLAsync(new Regex("/2025/2/8/hot-spots"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("08:00");

        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        var apiRows = (await site.Api("/api/hot-spots/2025/2/8")).GetProperty("name").GetArrayLength();
        // The markers come from their own address once the view is in: wait for them.
        await WaitForMarkers(page, apiRows);
        Assert.Equal(apiRows, await page.Locator("#view table.data-table tbody tr").CountAsync());
        Assert.Contains("08:00", await page.TitleAsync(), StringComparison.Ordinal);
        await Screenshot(page, "hot-spots-desktop");
    }

    [Fact]
    public async Task Choosing_Saturdays_redraws_the_markers_and_puts_the_day_in_the_address_without_a_reload()
    {
        var site = await data.Browser();
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/8/hot-spots");
        await WaitForMarkers(page);
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.SelectOptionAsync("select[name=day]", "saturday");
        await page.WaitForURLAsync(new Regex(@"/2025/2/8/hot-spots\?day=saturday"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("Saturdays");

        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        var apiRows = (await site.Api("/api/hot-spots/2025/2/8?day_type=saturday")).GetProperty("name").GetArrayLength();
        // The markers come from their own address once the view is in: wait for them.
        await WaitForMarkers(page, apiRows);
        Assert.Equal(apiRows, await page.Locator("#view table.data-table tbody tr").CountAsync());
    }

    [Fact]
    public async Task A_shared_deep_link_opens_the_same_view_at_the_same_map_position()
    {
        var site = await data.Browser();
        var hour = FirstHourWithRows(await site.Api("/api/leg-stats/2025/2/8/RUT")) ? 8 : 15;
        var page = await site.NewPage();
        await page.GotoAsync($"/2025/2/{hour}/legs/RUT?lat=59.91&lon=10.75&zoom=12");
        await WaitForMarkers(page);

        var centre = await page.EvaluateAsync<double[]>("(() => { const c = kollektivkart.map.getCenter(); return [c.lat, c.lng, kollektivkart.map.getZoom()]; })()");
        Assert.Equal(59.91, centre[0], 3);
        Assert.Equal(10.75, centre[1], 3);
        Assert.Equal(12, centre[2]);
        Assert.Equal("2025-02", await page.InputValueAsync("select[name=month]"));
        Assert.Equal(hour.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync("select[name=hour]"));
        Assert.Equal("RUT", await page.InputValueAsync("select[name=ds]"));
        var apiRows = (await site.Api($"/api/leg-stats/2025/2/{hour}/RUT")).GetProperty("name").GetArrayLength();
        Assert.Equal(apiRows, await MarkerCount(page));
        Assert.Equal(apiRows, await page.Locator("#view table.data-table tbody tr").CountAsync());
    }

    [Fact]
    public async Task Panning_keeps_the_position_in_the_address_and_in_the_next_view()
    {
        var site = await data.Browser();
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/15/hot-spots");
        await WaitForMarkers(page);

        await page.EvaluateAsync("kollektivkart.map.setView([63.43, 10.39], 11)");
        await page.WaitForURLAsync(new Regex(@"lat=63\.43.*lon=10\.39.*zoom=11"));
        Assert.Equal("11", await page.InputValueAsync("form.selectors input[name=zoom]"));

        await page.SelectOptionAsync("select[name=hour]", "16");
        await page.WaitForURLAsync(new Regex(@"/2025/2/16/hot-spots\?lat=63\.43.*zoom=11"));
        var zoom = await page.EvaluateAsync<int>("kollektivkart.map.getZoom()");
        Assert.Equal(11, zoom);
    }

    [Fact]
    public async Task An_operators_view_fits_its_stretches_unless_the_address_holds_a_position()
    {
        var site = await data.Browser();
        // The operator of the top hot spot at 08:00 has stretches then.
        var code = (await site.Api("/api/hot-spots/2025/2/8")).GetProperty("data_source")[0].GetString();
        var stretches = (await site.Api($"/api/leg-stats/2025/2/8/{code}")).GetProperty("name").GetArrayLength();
        Assert.True(stretches > 0);
        var page = await site.NewPage();

        await page.GotoAsync($"/2025/2/8/legs/{code}");
        await WaitForMarkers(page, stretches);
        var fitted = await View(page);

        // The same answer comes with a shared position (it is cached as one): map.js keeps the link's position.
        await page.GotoAsync($"/2025/2/8/legs/{code}?lat=63.43&lon=10.39&zoom=11");
        await WaitForMarkers(page, stretches);
        var shared = await View(page);

        Assert.True(fitted[2] > 5, $"the map did not fit {code}'s stretches: zoom {fitted[2]} at {fitted[0]}, {fitted[1]}");
        Assert.Equal([63.43, 10.39, 11], shared.Select(v => Math.Round(v, 2)));
    }

    [Fact]
    public async Task A_markers_popup_links_as_its_table_row_does()
    {
        var site = await data.Browser();
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/8/hot-spots");
        await WaitForMarkers(page, (await site.Api("/api/hot-spots/2025/2/8")).GetProperty("name").GetArrayLength());

        // The top hot spot: the table's first row and the first marker drawn. Its links are written by map.js from the
        // stops and the view's link templates; the row's by the server.
        var popup = await page.EvaluateAsync<string[]>(@"(() => {
            let first;
            kollektivkart.map.eachLayer(l => { if (!first && l instanceof L.CircleMarker) first = l; });
            first.openPopup();
            return [...document.querySelectorAll('.leaflet-popup-content a')].map(a => { const u = new URL(a.href); return u.pathname + u.search; });
        })()");
        var row = await page.Locator("#view table.data-table tbody tr").First.Locator("th a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

        Assert.Equal([row[1], row[0], row[2]], popup);
        Assert.Contains("month=2025-02&hour=8", popup[0], StringComparison.Ordinal);
    }

    private static Task<double[]> View(IPage page) =>
        page.EvaluateAsync<double[]>("(() => { const c = kollektivkart.map.getCenter(); return [c.lat, c.lng, kollektivkart.map.getZoom()]; })()");

    [Fact]
    public async Task Show_all_rows_works_with_and_without_javascript()
    {
        // The hand-built stats.db has 1,000 hot spots at this hour.
        var site = await data.HandBrowser();
        var url = $"/2025/2/{HandBuiltStatsDb.HotSpotHour}/hot-spots";
        var apiRows = (await site.Api($"/api/hot-spots/2025/2/{HandBuiltStatsDb.HotSpotHour}")).GetProperty("name").GetArrayLength();
        Assert.Equal(1000, apiRows);
        foreach (var javaScript in new[] { true, false })
        {
            var page = await site.NewPage(javaScript: javaScript);
            await page.GotoAsync(url);
            Assert.Equal(100, await page.Locator("#view table.data-table tbody tr").CountAsync());

            await page.ClickAsync($"#view .more-rows a:text-is('Show all {apiRows:N0} rows')");

            await page.WaitForURLAsync(new Regex(Regex.Escape(url) + @"\?(.*&)?rows=all"), Committed);
            await Assertions.Expect(page.Locator("#view table.data-table tbody tr")).ToHaveCountAsync(apiRows);
            if (javaScript)
            {
                await WaitForMarkers(page, apiRows);
            }
        }
    }

    [Fact]
    public async Task Back_restores_the_previous_view()
    {
        var site = await data.Browser();
        var page = await site.NewPage();
        await page.GotoAsync("/2025/2/15/hot-spots");
        await WaitForMarkers(page);
        await page.SelectOptionAsync("select[name=hour]", "9");
        await page.WaitForURLAsync(new Regex("/2025/2/9/hot-spots"));

        await page.GoBackAsync();
        await page.WaitForURLAsync(new Regex("/2025/2/15/hot-spots"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("15:00");
        await WaitForMarkers(page);
        Assert.Equal("15", await page.InputValueAsync("select[name=hour]"));
    }

    [Fact]
    public async Task Without_javascript_the_selectors_and_sort_links_still_navigate()
    {
        var site = await data.Browser();
        var page = await site.NewPage(javaScript: false);
        await page.GotoAsync("/2025/2/15/hot-spots");
        await page.SelectOptionAsync("select[name=hour]", "7");
        await page.ClickAsync("form.selectors button[type=submit]");
        // Waiting for the address alone: the content checks below wait for the page themselves, and a
        // "load" wait can miss a document that already finished loading on a busy machine.
        await page.WaitForURLAsync(new Regex("/2025/2/7/hot-spots$"), Committed);
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("07:00");

        await page.ClickAsync("#view thead a:text-is('Vehicles this hour')");
        await page.WaitForURLAsync(new Regex("sort=hourly_count"), Committed);
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Vehicles this hour");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_map_and_the_table_fit_the_width()
    {
        var site = await data.Browser();
        var page = await site.NewPage(width: 375, height: 740);
        await page.GotoAsync("/2025/2/8/hot-spots");
        await WaitForMarkers(page);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 375 px screen");
        var mapWidth = await page.EvaluateAsync<double>("document.getElementById('map').getBoundingClientRect().width");
        Assert.InRange(mapWidth, 300, 375);
        await Screenshot(page, "hot-spots-phone");
    }

    internal static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    internal static async Task WaitForMarkers(IPage page) =>
        await page.WaitForSelectorAsync("#map[data-marker-count]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Until the expression is true in the page. Polled from here, never with WaitForFunctionAsync: Playwright polls a
    /// string in the page with eval, which the site's CSP refuses once the first try came back false.
    /// </summary>
    internal static async Task Until(IPage page, string expression)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await page.EvaluateAsync<bool>($"() => !!({expression})"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page never got to: {expression}");
            await Task.Delay(100);
        }
    }

    /// <summary>Until Chart.js has drawn on the canvas with that data-chart name.</summary>
    internal static Task ChartDrawn(IPage page, string chart) =>
        Until(page, $"window.Chart && Chart.getChart(document.querySelector('canvas[data-chart={chart}]')) !== undefined");

    /// <summary>Until the map shows that many markers: they come from their own address after the view is swapped in.</summary>
    /// <remarks>Polled from here: Playwright's in-page polling evaluates strings, which the site's CSP forbids.</remarks>
    internal static async Task WaitForMarkers(IPage page, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await MarkerCount(page) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the map shows {await MarkerCount(page)} markers, not {count}");
            await Task.Delay(100);
        }
    }

    internal static async Task<int> MarkerCount(IPage page) =>
        int.Parse(await page.GetAttributeAsync("#map", "data-marker-count") ?? "-1", CultureInfo.InvariantCulture);

    internal static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSite.ScreenshotFolder, name + ".png"), FullPage = true });

    private static bool FirstHourWithRows(System.Text.Json.JsonElement frame) => frame.GetProperty("name").GetArrayLength() > 0;
}
