namespace Kollektivkart.Etl.Bunny;

/// <summary>The Content-Type an asset is stored with, by extension: what the CDN then serves it as.</summary>
internal static class ContentTypes
{
    private const string Fallback = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".map"] = "application/json",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
        [".xml"] = "application/xml",
        [".xsl"] = "text/xsl; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".webmanifest"] = "application/manifest+json",
        [".pdf"] = "application/pdf",
        [".csv"] = "text/csv; charset=utf-8",
        [".wasm"] = "application/wasm",
    };

    public static string For(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path), Fallback);

    public static bool IsHtml(string path) => Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm";
}
