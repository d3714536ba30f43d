using Htmx;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// One URL serves a full page or, to htmx, just the part it swaps. History restores (back and
/// forward) ask for the whole page again in htmx 4, so they get it.
/// </summary>
public static class Fragments
{
    /// <summary>The request headers <see cref="WantsFragment"/> reads.</summary>
    public static readonly string[] RequestHeaders = ["HX-Request", "HX-History-Restore-Request", "HX-Request-Type"];

    public static bool WantsFragment(this HttpRequest request) =>
        request.IsHtmx() && !request.IsHtmxHistoryRestoreRequest()
        && !string.Equals(request.Headers["HX-Request-Type"], "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Caches must keep the page and the fragment of one URL apart: a browser's cache that kept the fragment
    /// keyed on HX-Request alone would hand it to a history restore, which asks for the page.
    /// </summary>
    public static void VaryOnHtmx(this HttpResponse response) => response.Headers.Append("Vary", string.Join(", ", RequestHeaders));
}
