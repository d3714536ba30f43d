using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using Kollektivkart.Testing;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// Pages load CSS, JS and the icon with a version that is the hash of the file's content (as
/// asp-append-version computes it), from the site or, with STATIC_ASSETS_BASE_URL, from the CDN,
/// which the Content-Security-Policy then allows.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StaticAssetTests(SiteData data)
{
    private const string Cdn = "https://kollektivkart.b-cdn.net";
    private const string Page = "/2025/2/8/hot-spots";

    private static readonly string[] Assets =
    [
        "/favicon.svg", "/lib/leaflet/leaflet.css", "/css/site.css", "/lib/htmx.min.js", "/lib/leaflet/leaflet.js",
        "/lib/chart.umd.min.js", "/js/site.js", "/js/map.js", "/js/charts.js",
    ];

    [Fact]
    public async Task With_a_base_url_every_asset_comes_from_it_versioned_by_its_content()
    {
        var site = await data.Started(data.HandBuilt.Folder, HandBuiltStatsDb.Today, new Dictionary<string, string>
        {
            ["Map:StaticAssetsBaseUrl"] = Cdn + "/",
        });

        using var response = await site.Get(Page);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(Assets.Select(a => $"{Cdn}{a}?v={VersionOf(a)}"), AssetUrls(page));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
        Assert.All(new[] { "script-src", "style-src", "img-src" }, directive =>
            Assert.Contains(Cdn, policy.Single(d => d.StartsWith(directive + " ", StringComparison.Ordinal)).Split(' ')));
    }

    [Fact]
    public async Task Without_a_base_url_the_site_serves_the_assets_versioned_by_their_content()
    {
        var site = await data.Hand();

        var page = Html.Parse(await site.GetOk(Page));

        var urls = AssetUrls(page);
        Assert.Equal(Assets.Select(a => $"{a}?v={VersionOf(a)}"), urls);
        foreach (var url in urls)
        {
            using var asset = await site.Get(url);
            Assert.True(asset.IsSuccessStatusCode, $"{url}: {(int)asset.StatusCode}");
        }
    }

    [Fact]
    public void The_version_follows_the_content_of_the_file()
    {
        using var folder = new TempFolder();
        var files = new PhysicalFileProvider(folder.Path);
        var assets = new StaticAssets(files, Cdn + "/");
        File.WriteAllText(folder.Sub("a.css"), "body { color: red; }");
        File.WriteAllText(folder.Sub("b.css"), "body { color: tan; }");

        var first = assets.Url("/a.css");
        var other = assets.Url("/b.css");
        File.WriteAllText(folder.Sub("a.css"), "body { color: green; }");
        var changed = assets.Url("/a.css");
        File.WriteAllText(folder.Sub("a.css"), "body { color: red; }");
        var back = assets.Url("/a.css");

        Assert.StartsWith($"{Cdn}/a.css?v=", first);
        Assert.Equal($"{Cdn}/a.css?v={WebEncoders.Base64UrlEncode(SHA256.HashData("body { color: red; }"u8))}", first);
        Assert.NotEqual(first[first.IndexOf('?')..], other[other.IndexOf('?')..]);
        Assert.NotEqual(first, changed);
        Assert.Equal(first, back);
        Assert.Equal(first, assets.Url("/a.css"));
        Assert.Equal($"{Cdn}/missing.js", assets.Url("/missing.js"));
        Assert.Equal("/base/a.css?v=" + first.Split("?v=")[1], new StaticAssets(files, baseUrl: null).Url("/a.css", "/base"));
    }

    private static List<string> AssetUrls(IHtmlDocument page) =>
        page.QuerySelectorAll("head link[rel=icon], head link[rel=stylesheet], head script[src]")
            .Select(e => e.GetAttribute(e.LocalName == "script" ? "src" : "href")!)
            .ToList();

    /// <summary>What asp-append-version appends: the file's SHA-256, base64url.</summary>
    private static string VersionOf(string asset)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "wwwroot", asset.TrimStart('/')));
        return WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
    }
}
