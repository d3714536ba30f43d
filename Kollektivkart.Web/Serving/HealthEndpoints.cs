using System.Security.Cryptography;

namespace Kollektivkart.Web.Serving;

/// <summary>/ready for the proxy's health check: loaded and not shutting down. Data age does not matter here.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Names the process that answered /ready. ops/rolling-restart reads it straight from a restarted replica,
    /// then waits until /ready through the proxy shows the same name: proof the proxy routes to it again.
    /// </summary>
    public const string InstanceHeader = "Kollektivkart-Instance";

    public static IEndpointRouteBuilder MapReady(this IEndpointRouteBuilder endpoints)
    {
        // One name per process start (not per app in the process, so in-process test sites differ too).
        var instance = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        endpoints.MapMethods("/ready", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, StatsDbProvider provider, Drain drain) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers[InstanceHeader] = instance;
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
