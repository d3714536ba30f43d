using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Follow;

/// <summary>
/// Where a Follow link leads: what a feed is, the feed's address to copy into a feed reader and its entries, for the
/// feed at <c>/feeds/{feed}.atom</c> (same day type). A browser shows this without the XSLT it is dropping.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public FeedDocument Feed { get; private set; } = null!;

    public FeedLinks Links { get; private set; } = null!;

    /// <summary>The feed's absolute address, what a feed reader is given.</summary>
    public string FeedAddress => Links.Absolute(Feed.SelfHref);

    public FeedLink Link => new(Feed.SelfHref, $"{Feed.Scope.Name}: monthly changes (Atom feed)");

    public IActionResult OnGet(string? feed)
    {
        // Model binding makes a blank segment null.
        var scope = FeedEndpoints.Scope(Choices, feed ?? "");
        if (scope.Problem is { } wrong)
        {
            return Problem(wrong);
        }
        if (!TryReadQuery(out var problem))
        {
            return problem!;
        }
        Feed = FeedEndpoints.Document(Choices, scope.Value, DayType);
        Links = FeedEndpoints.Links(HttpContext);
        return Page();
    }
}
