using Microsoft.AspNetCore.Diagnostics;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// The site only reads: anything but GET and HEAD is a 405 with the page saying so, before antiforgery
/// or a page handler sees it. CORS preflights to the API are answered before this (<see cref="Api.ApiCors"/>).
/// </summary>
public static class ReadOnlySite
{
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// MapGet answers HEAD with 405; this maps both, as Razor Pages do. Kestrel sends no body to HEAD.
    /// Monitors and proxies probe with HEAD.
    /// </summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapMethods(pattern, ReadMethods, handler);

    public static IApplicationBuilder UseReadOnlyMethods(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            var errorPage = context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
            if (errorPage || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        });
}
