namespace Kollektivkart.Web.Serving;

/// <summary>
/// Pins each request to the stats.db that was current when it arrived, so a newer one swapped in
/// meanwhile changes nothing under it, and the old file outlives every request that reads it.
/// Goes before anything that reads <see cref="StatsDbProvider.Current"/>.
/// </summary>
public static class PinnedStatsDb
{
    public static IApplicationBuilder UsePinnedStatsDb(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using var lease = context.RequestServices.GetRequiredService<StatsDbProvider>().Pin();
            await next(context);
        });
}
