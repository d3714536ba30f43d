using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Tests.Pages.Operators;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>An operator's page in Chromium: its chart draws, and the keyboard reaches its selectors and swaps its view in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorBrowserTests(SiteData data)
{
    private const int MaxTabsToSelectors = 10;

    [Fact]
    public async Task An_operator_page_s_chart_draws_and_a_day_chosen_with_the_keyboard_swaps_the_view_keeping_the_focus()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage(width: 1400, height: 900);
        await page.GotoAsync("/operators/ATB?month=2025-02");

        await MapViewBrowserTests.ChartDrawn(page, "chart-operator-months");
        var points = await page.EvaluateAsync<int>(
            "Chart.getChart(document.querySelector('canvas[data-chart=chart-operator-months]')).data.datasets[0].data.filter((v) => v !== null).length");
        Assert.Equal(2, points);

        // From the top of the page, the month selector is a few Tab presses away.
        await page.EvaluateAsync("document.activeElement?.blur()");
        var tabs = 0;
        while (await page.EvaluateAsync<string>("document.activeElement?.getAttribute('name') ?? ''") != "month" && tabs < 50)
        {
            await page.Keyboard.PressAsync("Tab");
            tabs++;
        }
        Assert.True(tabs <= MaxTabsToSelectors, $"the month selector took {tabs} Tab presses");

        // Saturdays, chosen with the keyboard: htmx swaps the view in, the address follows, the focus stays on the select.
        await page.FocusAsync("select[name=day]");
        await page.EvaluateAsync("window.__before = document.querySelector('canvas[data-chart]')");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForURLAsync(new Regex(@"/operators/ATB\?month=2025-02&day=saturday$"), MapViewBrowserTests.Committed);
        await Assertions.Expect(page.Locator("#view-status")).ToContainTextAsync("Saturdays");
        Assert.Equal("day", await page.EvaluateAsync<string>("document.activeElement?.getAttribute('name') ?? ''"));
        var saturday = OperatorPageTests.Figures("operator", February, DayType.Saturday, "ATB");
        await Assertions.Expect(page.Locator("table.operator-months tbody tr")).ToHaveCountAsync(1);
        var onTime = (await page.Locator("table.operator-months tbody tr td").Nth(2).TextContentAsync())!.Replace('\u00a0', ' ').Trim();
        Assert.Equal(OperatorPageTests.Percent(saturday.OnTime, saturday.Observed), onTime);
        // The swapped-in view's chart is drawn anew.
        await MapViewBrowserTests.Until(page, "document.querySelector('canvas[data-chart]') !== window.__before");
        await MapViewBrowserTests.ChartDrawn(page, "chart-operator-months");
        Assert.Equal(saturday.Observed.ToString(CultureInfo.InvariantCulture), (await page.Locator("table.operator-months tbody tr td").Nth(1).TextContentAsync())?.Trim());
        await MapViewBrowserTests.Screenshot(page, "operator-page-1400");
    }

    [Fact]
    public async Task Without_javascript_the_show_button_submits_the_month_and_day_as_an_address()
    {
        var site = await data.HandBrowser();
        var page = await site.NewPage(javaScript: false, width: 1400, height: 900);
        await page.GotoAsync("/operators/ATB?month=2025-02");

        await page.SelectOptionAsync("select[name=month]", "2025-01");
        await page.ClickAsync("form.selectors button[type=submit]");

        await page.WaitForURLAsync(new Regex(@"/operators/ATB\?month=2025-01&day=weekday$"));
        await Assertions.Expect(page.Locator("table.operator-months tr.chosen th")).ToHaveTextAsync("January 2025");
    }
}
