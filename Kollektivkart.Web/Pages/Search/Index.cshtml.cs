using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Search;

/// <summary>
/// Stops and lines by name: a page of results (works without JavaScript), or, as the visitor types
/// in the header's search box, just the list of matches.
/// </summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public const int Limit = 12;
    public const int MaxLength = 100;

    public string Query { get; private set; } = "";

    public SearchResults Results { get; private set; } = SearchResults.None;

    public bool TooShort => Query.Length < SearchQueries.MinimumLength;

    public IActionResult OnGet(string? q)
    {
        Query = (q ?? "").Trim();
        if (Query.Length > MaxLength)
        {
            return Problem($"A search is at most {MaxLength} characters.", StatusCodes.Status400BadRequest);
        }
        Results = TooShort ? SearchResults.None : SearchQueries.Search(Choices.Database, Query, Limit);
        Response.VaryOnHtmx();
        return Request.WantsFragment() ? Partial("_Results", this) : Page();
    }

    public string OperatorNames(Stop stop) =>
        string.Join(", ", stop.DataSources.Select(code => Choices.Catalog.FindDataSource(code)?.Name ?? code));

    public static string LineHref(LineMatch line) => $"/lines/{MapState.Segment(line.DataSource)}/{MapState.Segment(line.LineRef)}";
}
