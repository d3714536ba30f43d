using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// With no tile server (BrowserSite answers every tile with a 404), the map still shows Norway: the outline layer is
/// drawn in its own pane under the tiles, takes no clicks or focus; with JavaScript off, the map's place says in words
/// what it would show and where the same is.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutlineBrowserTests(SiteData data)
{
    // Opened on the whole of Norway, so that its land, its neighbours' and the seas between are all on the screen.
    private const string Page = "/2025/2/8/hot-spots?lat=65&lon=15&zoom=4";

    [Fact]
    public async Task With_tiles_blocked_the_outline_shows_land_and_sea_under_the_tile_pane()
    {
        var site = await data.Browser();
        var page = await site.NewPage(width: 1400, height: 900);
        var tiles = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("tile.openstreetmap.org", StringComparison.Ordinal)) tiles.Add(response.Status);
        };
        await page.GotoAsync(Page);
        await OutlineDrawn(page);
        // Locators, not a polled expression: the page's policy forbids the eval Playwright polls a string with.
        await page.Locator("#map[data-marker-count]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        Assert.NotEmpty(tiles);
        Assert.All(tiles, status => Assert.Equal(404, status));
        var outline = page.Locator("#map .leaflet-outline-pane");
        // One path for the land and one for the coast and borders, each with a subpath per island or line on screen.
        var paths = outline.Locator("path");
        Assert.Equal(2, await paths.CountAsync());
        var subpaths = await paths.EvaluateAllAsync<int>("ps => ps.reduce((n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0)");
        Assert.True(subpaths > 50, $"{subpaths} subpaths");

        // On the screen, land where the land is and water where the sea is: the page's own pixels, read back by the
        // browser from a screenshot (a data: image, which the page's policy allows). Points away from the markers.
        var places = new[] { (60.1, 7.5), (69.5, 25.0), (64.0, 17.0), (61.5, 26.5), (67.0, 5.0), (62.5, 20.0), (72.0, 30.0) };
        var points = await page.EvaluateAsync<double[][]>("""
            (places) => {
              const map = kollektivkart.map;
              const box = map.getContainer().getBoundingClientRect();
              const border = map.getContainer().clientLeft;
              return places.map(([lat, lon]) => {
                const p = map.latLngToContainerPoint([lat, lon]);
                return [box.left + border + p.x, box.top + border + p.y];
              });
            }
            """, places.Select(p => new[] { p.Item1, p.Item2 }).ToArray());
        var screenshot = Convert.ToBase64String(await page.ScreenshotAsync());
        var colours = await page.EvaluateAsync<string[]>("""
            async ([png, points]) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + png;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width;
              canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              return points.map(([x, y]) => {
                const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
                return '#' + [r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('');
              });
            }
            """, new object[] { screenshot, points });
        Assert.Equal(["#f3f1ec", "#f3f1ec", "#f3f1ec", "#f3f1ec", "#c6d6e3", "#c6d6e3", "#c6d6e3"], colours);

        var zIndex = await page.EvaluateAsync<int[]>("""
            ['.leaflet-outline-pane', '.leaflet-tile-pane', '.leaflet-overlay-pane']
              .map((s) => Number(getComputedStyle(document.querySelector('#map ' + s)).zIndex))
            """);
        Assert.True(zIndex[0] < zIndex[1] && zIndex[1] < zIndex[2], $"outline, tile and overlay panes at z-index {string.Join(", ", zIndex)}");
        Assert.True(await page.EvaluateAsync<bool>(
            "document.querySelector('#map .leaflet-outline-pane').parentElement === document.querySelector('#map .leaflet-tile-pane').parentElement"),
            "the outline and the tiles are not in one stacking context");

        // Not for the pointer, the keyboard or a screen reader: the markers and the table are.
        Assert.Equal("none", await outline.EvaluateAsync<string>("e => getComputedStyle(e).pointerEvents"));
        Assert.Equal("true", await outline.GetAttributeAsync("aria-hidden"));
        Assert.Equal(0, await outline.Locator(".leaflet-interactive, [tabindex]").CountAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserSite.ScreenshotFolder, "hot-spots-no-tiles-1400.png"),
        });
    }

    [Fact]
    public async Task When_the_CDN_copy_cannot_be_fetched_the_outline_comes_from_the_site()
    {
        const string Cdn = "https://cdn.example.test";
        var site = await data.Browser();
        var page = await site.NewPage();
        // The page as a site with STATIC_ASSETS_BASE_URL names it for the outline: the CDN first (allowed by the
        // policy), the site's own copy after. The CDN answers 404 here, as BrowserSite answers every other host.
        await page.RouteAsync(url => url.Contains("/hot-spots", StringComparison.Ordinal), async route =>
        {
            var response = await route.FetchAsync();
            var body = (await response.TextAsync()).Replace("data-outline=\"/data/", $"data-outline=\"{Cdn}/data/", StringComparison.Ordinal);
            var headers = response.Headers.ToDictionary(h => h.Key, h => h.Key.Equals("content-security-policy", StringComparison.OrdinalIgnoreCase)
                ? h.Value.Replace("connect-src 'self'", $"connect-src 'self' {Cdn}", StringComparison.Ordinal)
                : h.Value);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body, Headers = headers });
        });
        var outlineRequests = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/data/outline.json", StringComparison.Ordinal)) outlineRequests.Add((response.Url, response.Status));
        };

        await page.GotoAsync(Page);
        await OutlineDrawn(page);

        Assert.StartsWith($"{Cdn}/data/outline.json?v=", await page.Locator("#map").GetAttributeAsync("data-outline"));
        Assert.Equal(2, outlineRequests.Count);
        Assert.StartsWith(Cdn, outlineRequests[0].Url, StringComparison.Ordinal);
        Assert.Equal(404, outlineRequests[0].Status);
        Assert.StartsWith(site.BaseAddress + "data/outline.json?v=", outlineRequests[1].Url, StringComparison.Ordinal);
        Assert.Equal(200, outlineRequests[1].Status);
        Assert.Equal(2, await page.Locator("#map .leaflet-outline-pane path").CountAsync());
    }

    [Fact]
    public async Task Without_JavaScript_the_map_says_what_it_would_show_and_points_to_the_table()
    {
        var site = await data.Browser();
        var page = await site.NewPage(javaScript: false, width: 1400, height: 900);
        await page.GotoAsync("/2025/2/8/hot-spots");

        var words = page.Locator("#map .map-noscript");
        await Assertions.Expect(words).ToBeVisibleAsync();
        var text = await words.InnerTextAsync();
        Assert.Contains("needs JavaScript", text, StringComparison.Ordinal);
        Assert.Contains("as a dot on a map of Norway", text, StringComparison.Ordinal);
        Assert.Contains("the table below", text, StringComparison.Ordinal);
        // The table it points to is there, with a row per stretch.
        Assert.True(await page.Locator("#view table tbody tr").CountAsync() > 0, "no table rows");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserSite.ScreenshotFolder, "hot-spots-no-javascript-1400.png"),
        });
    }

    private static Task OutlineDrawn(IPage page) =>
        page.Locator("#map[data-outline-drawn=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
