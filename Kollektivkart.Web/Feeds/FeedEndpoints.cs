using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.Extensions.Options;

namespace Kollektivkart.Web.Feeds;

/// <summary>
/// Atom feeds of the monthly changes (<see cref="ChangeFeed"/>) of an operator, a line or a stop, for feed readers:
/// <c>/feeds/{ds}.atom</c>, <c>/feeds/{ds}/{lineRef}.atom</c>, <c>/feeds/stops/{stopPlaceId}.atom</c>, each with
/// <c>?day=saturday|sunday</c>. Cacheable and open to any origin like the API; an unknown scope gets the site's 404 page
/// saying which.
/// </summary>
public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        var feeds = endpoints.MapGroup("/feeds");

        feeds.MapRead("/stops/{stopPlaceId}.atom", (HttpContext http, string stopPlaceId) => Serve(http, choices => StopScope(choices, stopPlaceId)));
        feeds.MapRead("/{ds}.atom", (HttpContext http, string ds) => Serve(http, choices => OperatorScope(choices, ds)));
        feeds.MapRead("/{ds}/{lineRef}.atom", (HttpContext http, string ds, string lineRef) => Serve(http, choices => LineScope(choices, ds, lineRef)));

        return endpoints;
    }

    /// <summary>
    /// What a feed address (<c>stops/{id}</c>, <c>{ds}</c> or <c>{ds}/{lineRef}</c>, without <c>.atom</c>) follows, or the
    /// sentence saying what was not found; the feeds and their follow pages read it alike.
    /// </summary>
    public static Checked<FeedScope> Scope(Choices choices, string path) => path.Split('/') switch
    {
        ["stops", var stop] => StopScope(choices, stop),
        [var ds] => OperatorScope(choices, ds),
        [var ds, var line] => LineScope(choices, ds, line),
        _ => Checked<FeedScope>.Fail($"\u201c{path}\u201d is not a feed: use an operator (RUT), an operator and a line (RUT/RUT:Line:31) or stops/ and a stop place."),
    };

    private static Checked<FeedScope> StopScope(Choices choices, string stopPlaceId) =>
        StopQueries.Find(choices.Database, stopPlaceId) is { } stop
            ? Checked<FeedScope>.Ok(new FeedScope(StopPath(stop.Id), stop.Name, StopId: stop.Id))
            : Checked<FeedScope>.Fail($"There is no stop place \u201c{stopPlaceId}\u201d with statistics.");

    private static Checked<FeedScope> OperatorScope(Choices choices, string ds)
    {
        var source = choices.DataSource(ds);
        return source.IsOk
            ? Checked<FeedScope>.Ok(new FeedScope(OperatorPath(source.Value.Code), source.Value.Name, source.Value.Code))
            : Checked<FeedScope>.Fail(source.Problem!);
    }

    private static Checked<FeedScope> LineScope(Choices choices, string ds, string lineRef)
    {
            var source = choices.DataSource(ds);
            if (!source.IsOk)
            {
                return Checked<FeedScope>.Fail(source.Problem!);
            }
            return LineQueries.Find(choices.Database, source.Value.Code, lineRef) is { } line
                ? Checked<FeedScope>.Ok(new FeedScope(LinePath(line.DataSource, line.LineRef),
                    $"{source.Value.Name} line {line.Label}", line.DataSource, line.LineRef))
                : Checked<FeedScope>.Fail($"{source.Value.Name} has no line \u201c{lineRef}\u201d with statistics.");
    }

    /// <summary>The feed's own address, as pages link to it; the day type as <c>?day=</c> unless weekdays.</summary>
    public static string Href(FeedScope scope, DayType dayType) => Href(scope.Path, dayType);

    public static string OperatorHref(string dataSource, DayType dayType) => Href(OperatorPath(dataSource), dayType);

    public static string LineHref(string dataSource, string lineRef, DayType dayType) => Href(LinePath(dataSource, lineRef), dayType);

    public static string StopHref(string stopId, DayType dayType) => Href(StopPath(stopId), dayType);

    private static string OperatorPath(string dataSource) => MapState.Segment(dataSource);

    private static string LinePath(string dataSource, string lineRef) => $"{MapState.Segment(dataSource)}/{MapState.Segment(lineRef)}";

    private static string StopPath(string stopId) => "stops/" + MapState.Segment(stopId);

    private static string Href(string path, DayType dayType) =>
        $"/feeds/{path}.atom{(dayType == DayType.Weekday ? "" : "?" + MapState.DayQuery(dayType))}";

    /// <summary>The page a Follow link opens, which explains the feed at <paramref name="feedHref"/>: <c>/follow/{path}</c>.</summary>
    public static string FollowHref(string feedHref) =>
        "/follow/" + feedHref["/feeds/".Length..].Replace(".atom", "", StringComparison.Ordinal);

    private static IResult Serve(HttpContext http, Func<Choices, Checked<FeedScope>> scopeOf)
    {
        var provider = http.RequestServices.GetRequiredService<StatsDbProvider>();
        if (provider.Current is not { } database)
        {
            return Results.Text($"Not ready: {provider.Status}", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var choices = new Choices(database, Clock.Today(http.RequestServices.GetRequiredService<TimeProvider>()));
        var scope = scopeOf(choices);
        var dayType = Choices.ParseDayType(http.Request.Query["day"].FirstOrDefault() is { Length: > 0 } day ? day : null);
        if ((scope.Problem ?? dayType.Problem) is { } problem)
        {
            // The site's 404 page with the sentence, as for a page: a person follows a feed link in a browser.
            NotFoundReason.Set(http, problem);
            return Results.StatusCode(StatusCodes.Status404NotFound);
        }
        var feed = Document(choices, scope.Value, dayType.Value);
        http.Response.Headers.CacheControl = ApiEndpoints.CacheControl;
        http.Response.Headers.Append("Vary", AtomFeed.BrowserHeader);
        return Results.Bytes(AtomFeed.Write(feed, Links(http)), AtomFeed.OpenedInBrowser(http.Request) ? AtomFeed.BrowserContentType : AtomFeed.ContentType);
    }

    /// <summary>A feed's entries and addresses, as the feed and its follow page show them.</summary>
    public static FeedDocument Document(Choices choices, FeedScope scope, DayType dayType)
    {
        var entries = ChangeFeed.Entries(choices.Database, scope, dayType);
        return new FeedDocument(scope, dayType, Href(scope, dayType), PageHref(choices, scope, dayType),
            ChangeFeed.Updated(choices.Database.Catalog, entries), entries, entry => EntryHref(scope, entry.Month, dayType));
    }

    /// <summary>
    /// The configured public base, or the request's scheme and host, lower-cased: the output cache keys on the host
    /// without its case, so a cached answer for <c>Example.org</c> must be the fresh one for <c>example.org</c>.
    /// </summary>
    public static FeedLinks Links(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<FeedOptions>>().Value;
        var request = http.Request;
        var baseUrl = options.BaseUrl ?? $"{request.Scheme}://{request.Host.Value?.ToLowerInvariant()}{request.PathBase}";
        return new FeedLinks(baseUrl, options.TagAuthority);
    }

    /// <summary>The page of what the feed follows: the operator's map in the newest month, the line's or the stop's page.</summary>
    private static string? PageHref(Choices choices, FeedScope scope, DayType dayType)
    {
        var day = dayType == DayType.Weekday ? "" : "?" + MapState.DayQuery(dayType);
        return scope switch
        {
            { StopId: { } stop } => StretchFacts.StopHref(stop) + day,
            { DataSource: { } ds, LineRef: { } line } => $"/lines/{LinePath(ds, line)}{day}",
            { DataSource: { } ds } when choices.Months.Count > 0 =>
                new MapState(MapView.Legs, choices.Months[^1], Choices.DefaultHour, ds, DayType: dayType).Url,
            _ => null,
        };
    }

    /// <summary>
    /// The page an entry stands for: the month's changes page of the operator or line; a stop's page in that month,
    /// the changes pages having no stop.
    /// </summary>
    private static string EntryHref(FeedScope scope, DateOnly month, DayType dayType)
    {
        var day = dayType == DayType.Weekday ? "" : MapState.DayQuery(dayType);
        if (scope.StopId is { } stop)
        {
            return $"{StretchFacts.StopHref(stop)}?month={MapState.MonthValue(month)}{(day.Length == 0 ? "" : "&" + day)}";
        }
        var path = $"/{month.Year}/{month.Month}/changes/{(scope.LineRef is { } line ? LinePath(scope.DataSource!, line) : OperatorPath(scope.DataSource!))}";
        return day.Length == 0 ? path : $"{path}?{day}";
    }
}

/// <summary>A page's feed: its address and the title feed readers list it under.</summary>
public sealed record FeedLink(string Href, string Title)
{
    /// <summary>The page saying what the feed is, with its address to copy and its entries (<see cref="FeedEndpoints.FollowHref"/>).</summary>
    public string FollowHref => FeedEndpoints.FollowHref(Href);

    public static FeedLink Operator(DataSource source, DayType dayType) =>
        new(FeedEndpoints.OperatorHref(source.Code, dayType), Titled(source.Name, dayType));

    public static FeedLink Line(string dataSource, string lineRef, string name, DayType dayType) =>
        new(FeedEndpoints.LineHref(dataSource, lineRef, dayType), Titled(name, dayType));

    public static FeedLink Stop(Stop stop, DayType dayType) => new(FeedEndpoints.StopHref(stop.Id, dayType), Titled(stop.Name, dayType));

    private static string Titled(string name, DayType dayType) =>
        $"{name}: monthly changes{(dayType == DayType.Weekday ? "" : ", " + dayType.Label().ToLowerInvariant())} (Atom feed)";
}
