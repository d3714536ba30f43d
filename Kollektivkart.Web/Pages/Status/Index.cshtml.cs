using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Pages.Status;

/// <summary>
/// What the uptime monitor polls: 200 while the newest operating date is recent enough, 503
/// when it is stale (or nothing is loaded). JSON for machines, a page for people; never cached. Both say why nothing is
/// served, or why the pond's newer stats.db is not.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, WarmUp warmUp, TimeProvider clock, IOptions<ServingOptions> options) : PageModel
{
    public Freshness Report { get; private set; } = new(null, null, true);

    public int StaleAfterDays => options.Value.StaleAfterDays;

    public string Loading => provider.Status;

    /// <summary>Why nothing is served, or why the pond's newer stats.db is not (see <see cref="StatsDbProvider.Problem"/>).</summary>
    public string? Problem { get; private set; }

    /// <summary>The last finished warm-up of the output cache (<see cref="Serving.WarmUp"/>); null before the first.</summary>
    public WarmUpReport? WarmUp => warmUp.Last;

    public IActionResult OnGet(string? format)
    {
        Report = Freshness.Of(provider.Current?.Catalog, Clock.Today(clock), StaleAfterDays);
        Problem = provider.Problem;
        Response.Headers.CacheControl = "no-store";
        var status = Report.Stale ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        if (WantsJson(format))
        {
            return new JsonResult(new
            {
                status = Report.Stale ? "stale" : "ok",
                data_date = Report.DataDate?.ToString("O"),
                age_days = Report.AgeDays,
                stale = Report.Stale,
                problem = Problem,
                warm_up = WarmUp is { } w
                    ? new { finished = w.Finished.ToString("O"), generation = w.Generation, answers = w.Answers, failed = w.Failed, seconds = Math.Round(w.Took.TotalSeconds, 2) }
                    : null,
            }) { StatusCode = status };
        }
        return new PageResult { StatusCode = status };
    }

    private bool WantsJson(string? format) =>
        string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
        || (format is null && Request.GetTypedHeaders().Accept
            .OrderByDescending(a => a.Quality ?? 1)
            .FirstOrDefault()?.MediaType.Value is "application/json");
}
