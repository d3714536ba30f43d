using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// Every page kind with a map and tables, at a laptop's 1400x900 and a phone's 390x844: the title before the map, every
/// table whole at 1400 (all columns and rows without scrolling inside it, its caption unclipped), nothing wider than
/// the phone, and table links big enough to hit (WCAG 2.2 target size). Screenshots of each go to artifacts/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutBrowserTests(SiteData data)
{
    [Fact]
    public async Task Every_table_fits_a_laptop_and_no_page_is_wider_than_a_phone()
    {
        var site = await data.Browser();
        var hotSpots = await site.Api("/api/hot-spots/2025/2/8");
        var fromId = hotSpots.GetProperty("from_stop_id")[0].GetString()!;
        var toId = hotSpots.GetProperty("to_stop_id")[0].GetString()!;
        var code = hotSpots.GetProperty("data_source")[0].GetString()!;
        var lineRef = (await site.Api($"/api/lines/{code}"))[0].GetProperty("line_ref").GetString()!;
        var at = "month=2025-02&hour=8";
        var pages = new (string Name, string Url)[]
        {
            ("hot-spots", "/2025/2/8/hot-spots"),
            ("legs", $"/2025/2/8/legs/{code}"),
            ("comparison", "/2025/2/8/comparison/2025/1"),
            ("changes", "/2025/2/changes"),
            ("punctuality", "/2025/2/8/punctuality"),
            ("line", $"/lines/{code}/{Uri.EscapeDataString(lineRef)}?{at}"),
            ("stop", $"/stops/{Uri.EscapeDataString(fromId)}?{at}"),
            ("stretch", $"/stretches/{Uri.EscapeDataString(fromId)}/{Uri.EscapeDataString(toId)}?{at}"),
        };

        var laptop = await site.NewPage(width: 1400, height: 900);
        var phone = await site.NewPage(width: 390, height: 844);
        var tables = 0;
        foreach (var (name, url) in pages)
        {
            await laptop.GotoAsync(url);
            await KeyboardBrowserTests.Drawn(laptop);
            await TitleComesBeforeTheMap(laptop, name);
            foreach (var problem in await TableProblems(laptop))
            {
                Assert.Fail($"{name} at 1400 px: {problem}");
            }
            tables += await laptop.Locator("table.data-table").CountAsync();
            await MapViewBrowserTests.Screenshot(laptop, $"layout-{name}-1400");

            await phone.GotoAsync(url);
            await KeyboardBrowserTests.Drawn(phone);
            await TitleComesBeforeTheMap(phone, name);
            var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{name} at 390 px is {width} px wide");
            // Stretch statistics, a line's route, the changes, a stretch's months and the punctuality tables show their main columns on a phone, so they fit it; a checkbox shows the rest.
            foreach (var wide in await phone.EvaluateAsync<int[]>(
                "[...document.querySelectorAll('table.leg-stats, table.line-route, table.changes, table.stretch-history, table.punctuality-stops, table.punctuality-route, table.stop-lines')].map(t => t.parentElement.scrollWidth - t.parentElement.clientWidth)"))
            {
                Assert.True(wide <= 1, $"{name} at 390 px: a table is {wide} px wider than its box");
            }
            await MapViewBrowserTests.Screenshot(phone, $"layout-{name}-390");
        }

        // The operators page has no map: its table fits a laptop whole and a phone without scrolling sideways.
        await laptop.GotoAsync("/operators?month=2025-02");
        foreach (var problem in await TableProblems(laptop))
        {
            Assert.Fail($"operators at 1400 px: {problem}");
        }
        await phone.GotoAsync("/operators?month=2025-02");
        var operators = await phone.EvaluateAsync<int>(
            "(() => { const box = document.querySelector('table.operators-table').parentElement; return box.scrollWidth - box.clientWidth; })()");
        Assert.True(operators <= 1, $"operators at 390 px: the table is {operators} px wider than its box");
        await MapViewBrowserTests.Screenshot(phone, "layout-operators-390");

        // An operator's page: its tables fit a laptop whole and, with their main columns, a phone.
        await laptop.GotoAsync($"/operators/{code}?month=2025-02");
        foreach (var problem in await TableProblems(laptop))
        {
            Assert.Fail($"operator at 1400 px: {problem}");
        }
        await phone.GotoAsync($"/operators/{code}?month=2025-02");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "operator at 390 px is wider than the phone");
        var operatorTables = await phone.EvaluateAsync<int[]>(
            "[...document.querySelectorAll('table.data-table')].map(t => t.parentElement.scrollWidth - t.parentElement.clientWidth)");
        Assert.True(operatorTables.Length >= 2 && operatorTables.All(w => w <= 1), $"operator at 390 px: tables wider than their box by {string.Join(", ", operatorTables)} px");
        await MapViewBrowserTests.Screenshot(phone, "layout-operator-390");

        await phone.GotoAsync("/2025/2/8/hot-spots");
        var headers = phone.Locator("table.leg-stats thead th");
        Assert.Equal(4, await headers.Locator("visible=true").CountAsync());
        await phone.CheckAsync(".all-columns input");
        Assert.Equal(await headers.CountAsync(), await headers.Locator("visible=true").CountAsync());
        // Guards the loop: the demo pond has tables on these pages, so a broken page shows as no tables.
        Assert.True(tables >= pages.Length, $"only {tables} tables on {pages.Length} pages");
    }

    private static async Task TitleComesBeforeTheMap(IPage page, string name)
    {
        var order = await page.EvaluateAsync<double[]>(@"(() => {
            const h1 = document.querySelector('h1'), map = document.getElementById('map');
            return [h1.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : 0,
                    h1.getBoundingClientRect().bottom, map.getBoundingClientRect().top];
        })()");
        Assert.True(order[0] == 1 && order[1] <= order[2], $"{name}: the title does not come before the map");
    }

    /// <summary>
    /// What hides part of a table (every table, those in closed details opened): columns wider than the table's box,
    /// rows below its box, a clipped caption, and links smaller than 24x24 px.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TableProblems(IPage page)
    {
        await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");
        return await page.EvaluateAsync<string[]>(@"(() => {
            const problems = [];
            document.querySelectorAll('table.data-table').forEach((table, i) => {
                const box = table.parentElement;
                const label = `table ${i + 1} (${table.caption?.textContent.trim().slice(0, 40)})`;
                if (table.scrollWidth > table.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1)
                    problems.push(`${label} is ${Math.max(table.scrollWidth, box.scrollWidth)} px in a ${box.clientWidth} px box`);
                if (box.scrollHeight > box.clientHeight + 1)
                    problems.push(`${label} hides rows: ${box.scrollHeight} px in a ${box.clientHeight} px box`);
                const caption = table.caption;
                if (caption && (caption.scrollWidth > caption.clientWidth + 1 || caption.getBoundingClientRect().right > box.getBoundingClientRect().right + 1))
                    problems.push(`${label}: its caption is cut`);
                table.querySelectorAll('tbody a').forEach(a => {
                    const r = a.getBoundingClientRect();
                    if (r.width < 24 || r.height < 24)
                        problems.push(`${label}: the link ${a.textContent.trim()} is ${Math.round(r.width)}x${Math.round(r.height)} px`);
                });
            });
            return problems.slice(0, 10);
        })()");
    }
}
