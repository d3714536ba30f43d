using Htmx;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kollektivkart.Web.Selection;

/// <summary>
/// What every page over stats.db shares: the loaded data and today's choices, a 404/400 that says
/// what was wrong, and one address serving the whole page or, to htmx, the part it swaps.
/// </summary>
public abstract class MapPageModel(StatsDbProvider provider, TimeProvider clock) : PageModel
{
    private Choices? _choices;

    /// <summary>Loaded stats.db: until then the unavailable page answers instead of any page.</summary>
    protected Choices Choices => _choices ??= new Choices(provider.Current!, Clock.Today(clock));

    /// <summary>The day type of the address (<c>?day=saturday</c>); weekdays when absent.</summary>
    public DayType DayType { get; private set; }

    /// <summary>Whether the address asks for every row of a big table (<c>?rows=all</c>) rather than the first screenful.</summary>
    public bool AllRows { get; private set; }

    /// <summary>A problem page: the status code pages middleware renders it with this sentence.</summary>
    protected IActionResult Problem(string message, int status = StatusCodes.Status404NotFound)
    {
        NotFoundReason.Set(HttpContext, message);
        return StatusCode(status);
    }

    /// <summary>
    /// Reads the query values every view shares: day, lat, lon and zoom; false (with the problem set) when one is unusable.
    /// A usable position changes nothing in the answer: map.js reads it from the address (see <see cref="MapPosition.WithoutPosition"/>).
    /// </summary>
    protected bool TryReadQuery(out IActionResult? problem)
    {
        var day = Choices.ParseDayType(Request.Query["day"].Count > 0 ? Request.Query["day"].ToString() : null);
        if (!day.IsOk)
        {
            problem = Problem(day.Problem!);
            return false;
        }
        DayType = day.Value;
        var rows = Request.Query["rows"];
        if (rows.Count > 0 && rows.ToString() != "all")
        {
            problem = Problem($"rows \u201c{rows}\u201d is not understood: leave it out for the first {MapState.FirstRows} rows, or use rows=all for every row.",
                StatusCodes.Status400BadRequest);
            return false;
        }
        AllRows = rows.Count > 0;
        var position = MapPosition.Read(Request.Query);
        problem = position.IsOk ? null : Problem(position.Problem!, StatusCodes.Status400BadRequest);
        return position.IsOk;
    }

    /// <summary>
    /// Month and hour from the query (<c>?month=2025-03&amp;hour=8</c>) of a stop or line page: absent
    /// means the newest month at 15:00; present must be valid.
    /// </summary>
    protected bool TryReadMonthAndHour(string? month, string? hour, out DateOnly chosenMonth, out int chosenHour, out IActionResult? problem)
    {
        chosenMonth = default;
        chosenHour = Choices.DefaultHour;
        problem = null;
        if (Choices.Months.Count == 0)
        {
            problem = Problem("The data holds no month with statistics yet.");
            return false;
        }
        if (month is null)
        {
            chosenMonth = Choices.Months[^1];
        }
        else if (!MapState.TryParseMonthValue(month, out chosenMonth) || !Choices.Months.Contains(chosenMonth))
        {
            problem = Problem($"There are no statistics for month \u201c{month}\u201d: use one of {string.Join(", ", Choices.Months.Select(MapState.MonthValue))}.");
            return false;
        }
        if (hour is not null)
        {
            var h = Choices.Hour(hour);
            if (!h.IsOk)
            {
                problem = Problem(h.Problem!);
                return false;
            }
            chosenHour = h.Value;
        }
        return TryReadQuery(out problem);
    }

    /// <summary>The markers map.js draws, for a view whose page names them by address (<see cref="MapState.MapDataUrl"/>).</summary>
    protected FileContentResult MapJson(MapData map) => File(map.ToUtf8Json(), "application/json");

    /// <summary>
    /// The page, or the named partial for htmx with the address pushed to the browser's history, without the map
    /// position: map.js writes the map's own position into the address once the history is updated.
    /// </summary>
    protected IActionResult PageOrFragment(string partial, object model)
    {
        Response.VaryOnHtmx();
        if (!Request.WantsFragment())
        {
            return Page();
        }
        Response.Htmx(h => h.PushUrl(Request.Path + MapPosition.WithoutPosition(Request.QueryString)));
        return Partial(partial, model);
    }
}
