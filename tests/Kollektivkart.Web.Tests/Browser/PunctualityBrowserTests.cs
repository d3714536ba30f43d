using System.Text.RegularExpressions;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>The punctuality map in Chromium, on the hand-built stats.db: htmx swaps its markers and table, and it works without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PunctualityBrowserTests(SiteData data)
{
    /// <summary>February's weekday stop rows of an hour (null: the whole day): every one a marker, those with 20 observed or more a table row.</summary>
    private static (int Markers, int Ranked) Stops(int? hour)
    {
        var rows = All.Where(r => r.Grain == "stop" && r.Month == February && r.DayType == Data.Calendar.DayType.Weekday && r.Hour == hour).ToList();
        return (rows.Count, rows.Count(r => r.Figures.Observed >= 20));
    }

    [Fact]
    public async Task The_map_view_swaps_markers_and_table_on_an_hour_change_without_a_reload()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage();
        await page.GotoAsync($"/2025/2/{PageHour}/punctuality");
        var (markers, ranked) = Stops(PageHour);
        await MapViewBrowserTests.WaitForMarkers(page, markers);
        Assert.Equal(ranked, await page.Locator("#view table.data-table tbody tr").CountAsync());
        // A reload would lose this.
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.SelectOptionAsync("select[name=hour]", MapHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.WaitForURLAsync(new Regex($"/2025/2/{MapHour}/punctuality$"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync($"0{MapHour}:00");
        (markers, ranked) = Stops(MapHour);
        await MapViewBrowserTests.WaitForMarkers(page, markers);
        Assert.Equal(Math.Min(ranked, Views.FirstRows), await page.Locator("#view table.data-table tbody tr").CountAsync());
        // "Show all" keeps the map's position (map.js adds it to the link).
        Assert.StartsWith($"/2025/2/{MapHour}/punctuality?rows=all", await page.GetAttributeAsync("#view .more-rows a", "href"), StringComparison.Ordinal);

        await page.SelectOptionAsync("select[name=hour]", "all");
        await page.WaitForURLAsync(new Regex("/2025/2/all/punctuality$"));
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("All day");
        (markers, _) = Stops(null);
        await MapViewBrowserTests.WaitForMarkers(page, markers);
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");

        // A marker's popup names the stop and links its page.
        await page.Locator("#map path.leaflet-interactive").First.ClickAsync(new LocatorClickOptions { Force = true });
        await Assertions.Expect(page.Locator(".leaflet-popup-content .map-links a")).ToHaveAttributeAsync("href", new Regex("/stops/NSR:StopPlace:"));
        await MapViewBrowserTests.Screenshot(page, "punctuality-desktop");
    }

    [Fact]
    public async Task Without_javascript_the_hour_and_operator_choices_still_navigate()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage(javaScript: false);
        await page.GotoAsync($"/2025/2/{PageHour}/punctuality");
        await page.SelectOptionAsync("select[name=hour]", "all");
        await page.SelectOptionAsync("select[name=ds]", "ATB");
        await page.ClickAsync("form.selectors button[type=submit]");
        await page.WaitForURLAsync(new Regex("/2025/2/all/punctuality/ATB$"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view h1")).ToContainTextAsync("All day");
        await Assertions.Expect(page.Locator("select[name=line]")).ToBeVisibleAsync();
    }
}
