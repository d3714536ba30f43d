using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kollektivkart.Web.Pages.Errors;

/// <summary>Every page's answer until stats.db is loaded: 503, what is happening, and a refresh.</summary>
[IgnoreAntiforgeryToken]
public sealed class UnavailableModel(StatsDbProvider provider) : PageModel
{
    public string Status => provider.Status;

    public bool Failed => provider.Failed;

    /// <summary>How far building the demo pond has come, while it is built.</summary>
    public Kollektivkart.Data.Demo.DemoPondProgress? Progress => provider.Progress;

    /// <summary>What the site is doing, as a sentence: "Opening stats.db."</summary>
    public string Sentence => Status.Length == 0 ? "Starting." : char.ToUpperInvariant(Status[0]) + Status[1..] + (Status.EndsWith('.') ? "" : ".");

    public string Retry => HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "/";

    public IActionResult OnGet() => Answer();

    public IActionResult OnPost() => Answer();

    public IActionResult OnPut() => Answer();

    public IActionResult OnDelete() => Answer();

    public IActionResult OnPatch() => Answer();

    private IActionResult Answer()
    {
        if (!Unavailable.Answers(HttpContext))
        {
            // Its address asked for directly, with the data loaded: not a page of the site.
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        if (!Failed)
        {
            Response.Headers.RetryAfter = "5";
            Response.Headers["Refresh"] = "5";
        }
        return new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}
