namespace Kollektivkart.Web.Api;

/// <summary>
/// Any origin may read the API and the feeds (a web feed reader fetches from the browser). <c>Access-Control-Allow-Origin: *</c> goes on every API answer, asked with
/// <c>Origin</c> or not, so the answer never depends on that header: a cache (ours, a CDN's, a browser's) that
/// stored an answer to a same-origin request serves a working one to a cross-origin page too, with no
/// <c>Vary: Origin</c>. Set when the response starts, outside the page cache, so fresh and cached answers get it alike,
/// and after the exception handler has cleared the headers of a failed one.
/// </summary>
public static class ApiCors
{
    private const string Methods = "GET, HEAD";

    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !context.Request.Path.StartsWithSegments("/feeds", StringComparison.Ordinal))
            {
                return next(context);
            }
            var response = context.Response;
            if (IsPreflight(context.Request))
            {
                // Asked before a cross-origin request that is more than a simple GET: GET and HEAD with the safelisted headers only.
                response.StatusCode = StatusCodes.Status204NoContent;
                response.Headers.AccessControlAllowOrigin = "*";
                response.Headers.AccessControlAllowMethods = Methods;
                return Task.CompletedTask;
            }
            response.OnStarting(() =>
            {
                response.Headers.AccessControlAllowOrigin = "*";
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;
}
