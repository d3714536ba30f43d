using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Playwright;

namespace Kollektivkart.Web.Tests.Browser;

/// <summary>
/// The built site as its own process on 127.0.0.1, over the demo pond, and Debian's Chromium driven by
/// Playwright (its own driver, no browser download). Map tiles would come from the internet: they are
/// answered locally with an empty 404, so the tests see only the site. Started once per test run by
/// <see cref="SiteData.Browser"/>.
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private WebProcess? _web;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land in artifacts/screenshots at the repository root (kept by CI as test output).</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(BuildOutput.RepositoryRoot, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<BrowserSite> Start(string pond)
    {
        var site = new BrowserSite();
        try
        {
            await site.Initialize(pond);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    private async Task Initialize(string pond)
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing: the browser tests need Debian's chromium (scripts/install-test-deps installs it, or `apt-get install chromium`).");
        _web = WebProcess.Start(new Dictionary<string, string> { ["PARQUET_LOCATION"] = pond, ["DRAIN_SECONDS"] = "0" });
        BaseAddress = await _web.Listening(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetAsync("/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the site did not get ready:\n" + _web.Output);
            await Task.Delay(200);
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Args = ChromiumArgs });
    }

    /// <summary>
    /// A fresh browser page (its own context) on the site, with tile requests answered locally. <paramref name="bypassCsp"/>
    /// lets a test inject a script of its own (axe-core), which the site's Content-Security-Policy would refuse.
    /// </summary>
    public async Task<IPage> NewPage(bool javaScript = true, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            BypassCSP = bypassCsp,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        await context.RouteAsync(url => !url.StartsWith(BaseAddress.ToString(), StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "" }));
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Reads a JSON API answer of the site, to choose what to look at from the data rather than hard-code it.</summary>
    public async Task<JsonElement> Api(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        return await http.GetFromJsonAsync<JsonElement>(path);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        _web?.Dispose();
    }
}
