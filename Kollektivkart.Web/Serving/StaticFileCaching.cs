using Microsoft.Net.Http.Headers;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Static files asked for at their current content-hash address (<c>?v=</c>, as <see cref="StaticAssets"/> writes it)
/// never change, so browsers and proxies keep them for a year without asking again; any other address of the same
/// file (no version, an old one) carries no such promise.
/// </summary>
public static class StaticFileCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public static IApplicationBuilder UseVersionedStaticFiles(this IApplicationBuilder app)
    {
        var assets = app.ApplicationServices.GetRequiredService<StaticAssets>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = StaticAssets.ContentTypes,
            OnPrepareResponse = context =>
            {
                var request = context.Context.Request;
                if (request.Query["v"] is { Count: 1 } version && assets.IsCurrent(request.Path.Value ?? "", version[0]))
                {
                    context.Context.Response.Headers[HeaderNames.CacheControl] = Immutable;
                }
            },
        });
    }
}
