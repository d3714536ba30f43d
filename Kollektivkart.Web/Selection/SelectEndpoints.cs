using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Serving;

namespace Kollektivkart.Web.Selection;

/// <summary>
/// /select turns the selector form's fields into the view's own address (the original's routes)
/// and redirects there; short addresses (/, /legs, /comparison, /about) open the newest month at
/// 15:00, the original's default.
/// </summary>
public static class SelectEndpoints
{
    public static IEndpointRouteBuilder MapSelect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/select", (HttpContext http) => WithChoices(http, choices =>
        {
            var query = http.Request.Query;
            var name = query["view"].ToString().Replace("-", "", StringComparison.Ordinal);
            // By name only: Enum.TryParse also reads numbers, and view=2025-1 became view 20251 and a 500.
            if (Enum.GetValues<MapView>().Cast<MapView?>().FirstOrDefault(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase)) is not { } view)
            {
                return Problem(http, $"\u201c{query["view"]}\u201d is not a view: use hot-spots, legs, comparison, changes, punctuality or about.", 400);
            }
            var newest = choices.Months[^1];
            var month = MapState.TryParseMonthValue(query["month"], out var m) ? m : newest;
            var hour = view == MapView.Punctuality && query["hour"] == MapState.AllDaySegment ? MapState.AllDay
                : int.TryParse(query["hour"], out var h) ? h : Choices.DefaultHour;
            var ds = Value(query["ds"]);
            var line = ds is null ? null : Value(query["line"]);
            if (line is not null && !choices.Line(ds!, line).IsOk)
            {
                // The operator changed under a chosen line: show the new operator's whole network.
                line = null;
            }
            var previous = MapState.TryParseMonthValue(query["prev"], out var p) ? p : MapState.MonthBefore(month);
            if (view == MapView.Changes && (previous >= month || (MapState.TryParseMonthValue(query["shown"], out var shown) && shown != month)))
            {
                // A baseline must come before the month, and a newly chosen month is measured against the month before it.
                previous = MapState.MonthBefore(month);
            }
            else if (view == MapView.Comparison && previous >= month)
            {
                // "Compared with" offers earlier months only: a month chosen at or before the shown one goes with the newest before it.
                previous = choices.Baselines(month).FirstOrDefault(MapState.MonthBefore(month));
            }
            var position = MapPosition.Parse(query["lat"], query["lon"], query["zoom"]);
            var dayType = DayTypes.TryParse(query["day"], out var d) ? d : DayType.Weekday;
            // The hot spots are every operator's; choosing one opens its legs, choosing "all" again the hot spots.
            view = (view, ds) switch
            {
                (MapView.HotSpots, not null) => MapView.Legs,
                (MapView.Legs, null) => MapView.HotSpots,
                _ => view,
            };
            var state = view switch
            {
                MapView.Legs or MapView.Punctuality => new MapState(view, month, hour, ds, line),
                MapView.Comparison or MapView.Changes => new MapState(view, month, hour, ds, line, previous),
                _ => new MapState(view, month, hour),
            };
            return Results.Redirect((state with { Position = position.IsOk ? position.Value : null, DayType = dayType }).Url);
        }));

        endpoints.MapRead("/", (HttpContext http) => Newest(http, MapView.HotSpots));
        endpoints.MapRead("/legs", (HttpContext http) => Newest(http, MapView.Legs));
        endpoints.MapRead("/comparison", (HttpContext http) => Newest(http, MapView.Comparison));
        endpoints.MapRead("/about", (HttpContext http) => Newest(http, MapView.About));
        endpoints.MapRead("/changes", (HttpContext http) => Newest(http, MapView.Changes));
        endpoints.MapRead("/punctuality", (HttpContext http) => Newest(http, MapView.Punctuality));

        // Addresses made by editing a view's last segment: a comparison without its previous month compares with the
        // month before; changes span the whole day, so the hour goes.
        endpoints.MapRead("/{year}/{month}/{hour}/comparison", (HttpContext http, string year, string month, string hour) => WithChoices(http, choices =>
        {
            var m = choices.Month(year, month);
            var h = choices.Hour(hour);
            return (m.Problem ?? h.Problem) is { } problem
                ? Problem(http, problem, 404)
                : Results.Redirect(new MapState(MapView.Comparison, m.Value, h.Value, Previous: MapState.MonthBefore(m.Value)).Path + http.Request.QueryString);
        }));
        endpoints.MapRead("/{year}/{month}/{hour}/changes/{**rest}", (HttpContext http, string year, string month, string hour, string? rest) => WithChoices(http, choices =>
        {
            var m = choices.Month(year, month);
            var h = choices.Hour(hour);
            return (m.Problem ?? h.Problem) is { } problem
                ? Problem(http, problem, 404)
                : Results.Redirect(new MapState(MapView.Changes, m.Value, h.Value).Path + string.Concat((rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => "/" + MapState.Segment(s))) + http.Request.QueryString);
        }));
        return endpoints;
    }

    private static IResult Newest(HttpContext http, MapView view) => WithChoices(http, choices =>
    {
        var month = choices.Months[^1];
        var source = choices.Catalog.FindDataSource(Choices.DefaultDataSource) ?? choices.Catalog.DataSources[0];
        var state = view switch
        {
            MapView.Legs => new MapState(view, month, Choices.DefaultHour, source.Code),
            MapView.Comparison => new MapState(view, month, Choices.DefaultHour, Previous: choices.Months.Count > 1 ? choices.Months[^2] : MapState.MonthBefore(month)),
            MapView.Changes => new MapState(view, month, Choices.DefaultHour, Previous: MapState.MonthBefore(month)),
            _ => new MapState(view, month, Choices.DefaultHour),
        };
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Redirect(state.Url + http.Request.QueryString);
    });

    private static IResult WithChoices(HttpContext http, Func<Choices, IResult> endpoint)
    {
        var database = http.RequestServices.GetRequiredService<StatsDbProvider>().Current!;
        var choices = new Choices(database, Clock.Today(http.RequestServices.GetRequiredService<TimeProvider>()));
        return choices.Months.Count == 0 || choices.Catalog.DataSources.Count == 0
            ? Problem(http, "The data holds no month with statistics yet: the nightly job has not published any.", 404)
            : endpoint(choices);
    }

    private static string? Value(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult Problem(HttpContext http, string message, int status)
    {
        NotFoundReason.Set(http, message);
        return Results.StatusCode(status);
    }
}
