using System.Text.RegularExpressions;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;
using static Kollektivkart.Web.Tests.Support.HandBuiltPunctuality;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>The punctuality sections of the stop and line pages in Chromium, on the hand-built stats.db.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PunctualityPageBrowserTests(SiteData data)
{
    [Fact]
    public async Task A_stop_pages_line_table_follows_the_day_selector()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage();
        await page.GotoAsync($"/stops/{Torget.Id}?month=2025-02&hour={PageHour}");
        await MapViewBrowserTests.ChartDrawn(page, "chart-punctuality-hours");
        var table = page.Locator("table.stop-lines[data-lines=hour]");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.SelectOptionAsync("#view select[name=day]", "saturday");

        await page.WaitForURLAsync(new Regex(@"day=saturday"), MapViewBrowserTests.Committed);
        await Assertions.Expect(table.Locator("caption")).ToContainTextAsync("saturdays in February 2025");
        var saturday = All.Single(r => r.Grain == "stop_line" && r.Stop == Torget && r.DayType == DayType.Saturday && r.Hour == PageHour).Figures;
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        var cells = table.Locator("tbody tr").First.Locator("th, td");
        await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync("ATB 3");
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync(Shares.Percent(saturday.OnTimeShare)!);
        await Assertions.Expect(cells.Nth(6)).ToHaveTextAsync(Shares.Delay(saturday.ShownMedianDelay)!);
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        // The swapped-in chart is drawn again.
        await MapViewBrowserTests.ChartDrawn(page, "chart-punctuality-hours");
        await MapViewBrowserTests.Screenshot(page, "stop-punctuality-saturday");
    }

    [Fact]
    public async Task Without_javascript_the_day_selectors_show_button_loads_the_saturday_figures()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage(javaScript: false);
        await page.GotoAsync($"/stops/{Torget.Id}?month=2025-02&hour={PageHour}");

        await page.SelectOptionAsync("#view select[name=day]", "saturday");
        await page.ClickAsync("#view .show-button");

        await page.WaitForURLAsync(new Regex(@"day=saturday"));
        var table = page.Locator("table.stop-lines[data-lines=day]");
        var saturday = All.Single(r => r.Grain == "stop_line" && r.Stop == Torget && r.DayType == DayType.Saturday && r.Hour is null).Figures;
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table.Locator("tbody tr td").First).ToHaveTextAsync(Shares.Percent(saturday.OnTimeShare)!);
    }

    [Fact]
    public async Task A_line_pages_punctuality_charts_draw_stops_along_the_route()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage();

        await page.GotoAsync($"/lines/ATB/{Line3}?month=2025-02&hour={PageHour}");

        await MapViewBrowserTests.ChartDrawn(page, "chart-punctuality-1");
        await MapViewBrowserTests.ChartDrawn(page, "chart-punctuality-months");
        var chart = await page.EvaluateAsync<string[]>(
            "Chart.getChart(document.querySelector('canvas[data-chart=chart-punctuality-1]')).data.labels");
        Assert.Equal(["Ila", "Prinsens gate", "Torget", "Solsiden", "Lade"], chart);
        Assert.Equal(100, await page.EvaluateAsync<double>(
            "Chart.getChart(document.querySelector('canvas[data-chart=chart-punctuality-months]')).options.scales.y.max"));
        await MapViewBrowserTests.Screenshot(page, "line-punctuality");
    }
}
