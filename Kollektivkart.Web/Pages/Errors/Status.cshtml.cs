using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Kollektivkart.Web.Serving;

namespace Kollektivkart.Web.Pages.Errors;

/// <summary>
/// Every error status ends here (re-executed by the status code pages middleware): a page that says
/// what was not found and where to go, or JSON for the API. Never a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public bool Fragment { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    // Re-executed with the failed request's method: without these a PUT, DELETE or OPTIONS got a blank page (a 200 for OPTIONS) (and HTML under /api/).
    public IActionResult OnPut(int code) => Show(code);

    public IActionResult OnDelete(int code) => Show(code);

    public IActionResult OnPatch(int code) => Show(code);

    public IActionResult OnOptions(int code) => Show(code);

    private IActionResult Show(int code)
    {
        var feature = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (feature is null && failure is null)
        {
            // Asked for directly (/errors/200, /errors/503): no such page, whatever the code says.
            return NotFound();
        }
        var originalPath = feature?.OriginalPath ?? failure?.Path;
        var explained = NotFoundReason.Get(HttpContext);
        (Heading, Message) = code switch
        {
            404 => ("Not found", explained ?? $"There is no page at {originalPath ?? Request.Path}."),
            400 => ("Bad request", explained ?? "The address holds a value the site cannot read."),
            405 => ("Method not allowed", "This address only answers GET requests."),
            500 => ("Something went wrong", "The site failed to answer this request. It has been logged; try again, or start from the newest hot spots."),
            503 => ("Not available", explained ?? "The site is not ready; try again in a minute."),
            _ => ("Error " + code, explained ?? "The request could not be answered."),
        };
        var status = code is >= 400 and <= 599 ? code : 500;
        if ((originalPath ?? "").StartsWith("/api/", StringComparison.Ordinal))
        {
            return new JsonResult(new { error = Message }) { StatusCode = status };
        }
        Fragment = Request.WantsFragment();
        Response.Headers.CacheControl = "no-store";
        return new PageResult { StatusCode = status };
    }
}
