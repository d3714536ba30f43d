using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Headers every response carries. Scripts only from the site (or its CDN): no inline script,
/// data reaches the scripts as JSON blocks. Leaflet positions tiles with inline styles, hence
/// 'unsafe-inline' for styles only; tiles come from the configured tile server.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var map = app.ApplicationServices.GetRequiredService<IOptions<MapOptions>>().Value;
        var assets = Origin(map.StaticAssetsBaseUrl);
        var tiles = Origin(map.TileUrl.Replace("{s}", "a", StringComparison.Ordinal)) is { } origin
            ? origin.Replace("://a.", "://*.", StringComparison.Ordinal)
            : "";
        var policy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {assets}".TrimEnd(),
            $"style-src 'self' 'unsafe-inline' {assets}".TrimEnd(),
            $"img-src 'self' data: {tiles} {assets}".TrimEnd(),
            // map.js fetches the map's outline from where the other assets come from.
            $"connect-src 'self' {assets}".TrimEnd(),
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
        return app.Use((context, next) =>
        {
            Set(context.Response.Headers, policy);
            // The exception handler clears the headers before it renders the error page: set them again as it starts.
            context.Response.OnStarting(() =>
            {
                Set(context.Response.Headers, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Set(IHeaderDictionary headers, string policy)
    {
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
