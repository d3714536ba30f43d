namespace Kollektivkart.Web.Serving;

/// <summary>
/// Until stats.db is loaded, every page (but /ready, /status and static files) is answered by
/// the 503 page, which says what the site is doing and refreshes itself.
/// </summary>
public static class Unavailable
{
    public const string PagePath = "/errors/unavailable";

    private const string AnsweredKey = "Kollektivkart.Unavailable";

    private static readonly string[] AlwaysServed = ["/ready", "/status", "/api/", "/css/", "/js/", "/lib/", "/favicon", "/robots.txt"];

    public static IApplicationBuilder UseUnavailableUntilLoaded(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var provider = context.RequestServices.GetRequiredService<StatsDbProvider>();
            var path = context.Request.Path.Value ?? "/";
            if (provider.Current is null && !AlwaysServed.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Request.Path = PagePath;
                context.Request.QueryString = QueryString.Empty;
                context.Items[AnsweredKey] = true;
            }
            return next(context);
        });

    /// <summary>Whether this request is one the 503 page answers for, rather than someone asking for its address.</summary>
    public static bool Answers(HttpContext context) => context.Items.ContainsKey(AnsweredKey);
}
