namespace Kollektivkart.Web.Serving;

/// <summary>
/// Carries the sentence explaining a 404 (or 400) from the page that found the problem to the
/// shared error page, which the status code pages middleware re-executes on the same request.
/// </summary>
public static class NotFoundReason
{
    private const string Key = "Kollektivkart.NotFoundReason";

    public static void Set(HttpContext context, string reason) => context.Items[Key] = reason;

    public static string? Get(HttpContext context) => context.Items[Key] as string;
}
