namespace Kollektivkart.Web.Serving;

/// <summary>/ready for the proxy's health check: loaded and not shutting down. Data age does not matter here.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapReady(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/ready", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, StatsDbProvider provider, Drain drain) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            if (drain.Draining)
            {
                return Results.Text("shutting down\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return provider.Current is null
                ? Results.Text($"not ready: {provider.Status}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ready\n");
        });
        return endpoints;
    }
}
