using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Addresses of static assets with a content-hash version (<c>?v=</c>, the hash asp-append-version
/// computes: SHA-256, base64url), from the site or, with <c>STATIC_ASSETS_BASE_URL</c>, from the CDN.
/// A new file content is a new address, so no page ever gets a stale asset from a cache.
/// </summary>
public sealed class StaticAssets
{
    /// <summary>The types static files are served with: the framework's, and the feeds' XSL stylesheet as XSLT (it would be text/xml).</summary>
    public static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new()
    {
        Mappings = { [".xsl"] = "text/xsl; charset=utf-8" },
    };

    private readonly IFileProvider _files;
    private readonly string? _baseUrl;
    private readonly ConcurrentDictionary<string, (long Length, DateTimeOffset Modified, string Version)> _versions = new(StringComparer.Ordinal);

    public StaticAssets(IWebHostEnvironment environment, IOptions<MapOptions> options)
        : this(environment.WebRootFileProvider, options.Value.StaticAssetsBaseUrl)
    {
    }

    public StaticAssets(IFileProvider files, string? baseUrl)
    {
        _files = files;
        _baseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().TrimEnd('/');
    }

    /// <summary>The address of <paramref name="path"/> (<c>/css/site.css</c>); a missing file gets no version, as with asp-append-version.</summary>
    public string Url(string path, PathString pathBase = default) => Address(_baseUrl ?? pathBase.Value, path);

    /// <summary>The address of <paramref name="path"/> on the site itself, versioned alike, whether or not a CDN is set.</summary>
    public string SiteUrl(string path, PathString pathBase = default) => Address(pathBase.Value, path);

    private string Address(string? origin, string path)
    {
        var rooted = "/" + path.TrimStart('~', '/');
        var address = origin + rooted;
        return Version(rooted) is { } version ? $"{address}?v={version}" : address;
    }

    /// <summary>Whether <paramref name="version"/> is the current content hash of the file at <paramref name="path"/>.</summary>
    public bool IsCurrent(string path, string? version) =>
        version is not null && Version("/" + path.TrimStart('/')) is { } current && string.Equals(current, version, StringComparison.Ordinal);

    private string? Version(string path)
    {
        var file = _files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }
        // Re-hashed only when the file's size or time changes; a page render costs a stat per asset.
        if (_versions.TryGetValue(path, out var known) && known.Length == file.Length && known.Modified == file.LastModified)
        {
            return known.Version;
        }
        using var stream = file.CreateReadStream();
        var version = WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
        _versions[path] = (file.Length, file.LastModified, version);
        return version;
    }
}

/// <summary><c>&lt;link asset-href="/css/site.css"&gt;</c> and <c>&lt;script asset-src="/js/site.js"&gt;</c>: the address from <see cref="StaticAssets"/>.</summary>
[HtmlTargetElement("link", Attributes = HrefAttribute, TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("script", Attributes = SrcAttribute)]
public sealed class StaticAssetTagHelper(StaticAssets assets) : TagHelper
{
    private const string HrefAttribute = "asset-href";
    private const string SrcAttribute = "asset-src";

    [HtmlAttributeName(HrefAttribute)]
    public string? Href { get; set; }

    [HtmlAttributeName(SrcAttribute)]
    public string? Src { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var pathBase = ViewContext.HttpContext.Request.PathBase;
        if (Href is not null)
        {
            output.Attributes.SetAttribute("href", assets.Url(Href, pathBase));
        }
        if (Src is not null)
        {
            output.Attributes.SetAttribute("src", assets.Url(Src, pathBase));
        }
    }
}
