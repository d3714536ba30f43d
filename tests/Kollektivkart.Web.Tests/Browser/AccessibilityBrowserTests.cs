using System.Text;
using System.Text.Json;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// axe-core (npm, pinned in tests/tools) on every kind of page, in Chromium at 1400x900 after the map and charts are
/// drawn: no violation of WCAG 2.0, 2.1 and 2.2 A and AA, nor of axe's best practices.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(SiteData data)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    public static TheoryData<string> PageKinds =>
        ["hot-spots", "legs", "comparison", "changes", "punctuality", "stretch", "stop", "line", "operators", "operator", "search", "about", "status", "not-found"];

    [Theory]
    [MemberData(nameof(PageKinds))]
    public async Task A_page_has_no_accessibility_violations(string kind)
    {
        // The changes page needs months with changes, which only the hand-built stats.db has; the punctuality map its dashes and notes.
        var site = kind is "changes" or "punctuality" ? await data.HandBrowser() : await data.Browser();
        var address = await Address(site, kind);
        var page = await site.NewPage(width: 1400, height: 900, bypassCsp: true);
        var response = await page.GotoAsync(address);
        // The page itself, not an error page in its place (the status page is 503 on the demo data: it is old).
        int[] expected = kind switch { "not-found" => [404], "status" => [200, 503], _ => [200] };
        Assert.Contains(response!.Status, expected);
        if (await page.Locator("#map").CountAsync() > 0)
        {
            await MapViewBrowserTests.WaitForMarkers(page);
        }
        if (await page.Locator("canvas[data-chart]").CountAsync() > 0)
        {
            await MapViewBrowserTests.Until(page, "[...document.querySelectorAll('canvas[data-chart]')].every((c) => window.Chart && Chart.getChart(c))");
        }
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });

        var result = await page.EvaluateAsync<JsonElement>(
            "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })" +
            ".then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary) })))",
            Tags);

        Assert.True(result.GetArrayLength() == 0, $"{address} ({kind}) breaks {result.GetArrayLength()} axe rules:\n{Describe(result)}");
    }

    private static async Task<string> Address(BrowserSite site, string kind)
    {
        var hotSpots = await site.Api("/api/hot-spots/2025/2/15");
        var first = (string column) => Uri.EscapeDataString(hotSpots.GetProperty(column)[0].GetString()!).Replace("%3A", ":", StringComparison.Ordinal);
        return kind switch
        {
            "hot-spots" => "/2025/2/15/hot-spots",
            "legs" => "/2025/2/15/legs/RUT",
            "comparison" => "/2025/2/15/comparison/2025/1",
            "changes" => "/2025/2/changes?day=saturday",
            "punctuality" => "/2025/2/6/punctuality/ATB",
            "stretch" => $"/stretches/{first("from_stop_id")}/{first("to_stop_id")}?month=2025-02&hour=15",
            "stop" => $"/stops/{first("to_stop_id")}?month=2025-02&hour=15",
            "line" => $"/lines/RUT/{(await site.Api("/api/lines/RUT"))[0].GetProperty("line_ref").GetString()}?month=2025-02&hour=15",
            "operators" => "/operators",
            "operator" => "/operators/RUT?month=2025-02",
            "search" => "/search?q=" + Uri.EscapeDataString(hotSpots.GetProperty("to_stop")[0].GetString()![..4]),
            "about" => "/about",
            "status" => "/status",
            "not-found" => "/stops/NSR:StopPlace:999999999",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a page kind"),
        };
    }

    private static string Describe(JsonElement violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations.EnumerateArray())
        {
            text.Append("- ").Append(violation.GetProperty("id").GetString()).Append(": ").AppendLine(violation.GetProperty("help").GetString());
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                text.Append("    ").AppendLine(node.GetString()?.ReplaceLineEndings(" "));
            }
        }
        return text.ToString();
    }

    private static string AxeScript
    {
        get
        {
            var script = Path.Combine(BuildOutput.RepositoryRoot, "tests", "tools", "node_modules", "axe-core", "axe.min.js");
            Assert.True(File.Exists(script),
                $"axe-core is not installed ({script} is missing): run scripts/install-test-deps, which runs `npm ci --prefix tests/tools`.");
            return script;
        }
    }
}
