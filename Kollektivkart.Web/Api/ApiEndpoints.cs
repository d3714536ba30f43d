using System.Buffers;
using System.Text.Json;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;

namespace Kollektivkart.Web.Api;

/// <summary>
/// The original's JSON API, same paths and shapes, so its clients keep working: column-oriented
/// frames, CORS for any origin (<see cref="ApiCors"/>), cacheable for 90 minutes (the data changes once a night).
/// </summary>
public static class ApiEndpoints
{
    public const string CacheControl = "public, max-age=5400";

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapRead("/stats", (HttpContext http) => With(http, choices => Json(http, w =>
        {
            var catalog = choices.Catalog;
            w.WriteStartObject();
            w.WriteNumber("aggregated_count", catalog.AggregatedCount);
            w.WriteNumber("arrivals_count", catalog.ArrivalsCount);
            w.WriteNumber("leg_count", catalog.LegCount);
            w.WriteNumber("memory", Environment.WorkingSet);
            w.WriteStartObject("date_range");
            w.WriteString("start", catalog.FirstDate?.ToString("O"));
            w.WriteString("end", catalog.LastDate?.ToString("O"));
            w.WriteEndObject();
            w.WriteEndObject();
        })));

        api.MapRead("/partitions", (HttpContext http) => With(http, choices => Json(http, w =>
        {
            w.WriteStartArray();
            foreach (var month in choices.Months)
            {
                w.WriteStartObject();
                w.WriteNumber("year", month.Year);
                w.WriteNumber("month", month.Month);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        })));

        api.MapRead("/datasource-names", (HttpContext http) => With(http, choices => Json(http, w =>
        {
            w.WriteStartObject();
            foreach (var source in choices.Catalog.DataSources)
            {
                w.WriteString(source.Code, source.Name);
            }
            w.WriteEndObject();
        })));

        api.MapRead("/lines/{ds}", (HttpContext http, string ds) => With(http, choices =>
        {
            var source = choices.DataSource(ds);
            if (!source.IsOk)
            {
                return NotFound(source.Problem!);
            }
            var lines = choices.Lines(source.Value.Code);
            return Json(http, w =>
            {
                w.WriteStartArray();
                foreach (var line in lines)
                {
                    w.WriteStartObject();
                    w.WriteString("label", line.Label);
                    w.WriteString("line_ref", line.LineRef);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }));

        api.MapRead("/hot-spots/{y}/{m}/{h}", (HttpContext http, string y, string m, string h) => With(http, choices =>
        {
            var month = choices.Month(y, m);
            var hour = choices.Hour(h);
            var dayType = Choices.ParseDayType(Query(http, "day_type"));
            return FirstProblem(month.Problem, hour.Problem, dayType.Problem) is { } problem
                ? NotFound(problem)
                : Frame(http, Columns.LegStats, DrawOrder(MapQueries.HotSpots(choices.Database, month.Value, hour.Value, dayType.Value)));
        }));

        api.MapRead("/leg-stats/{y}/{m}/{h}/{ds}", (HttpContext http, string y, string m, string h, string ds) => With(http, choices =>
        {
            var month = choices.Month(y, m);
            var hour = choices.Hour(h);
            var source = choices.DataSource(ds);
            var line = source.IsOk ? choices.Line(source.Value.Code, Query(http, "line_ref")) : default;
            var dayType = Choices.ParseDayType(Query(http, "day_type"));
            return FirstProblem(month.Problem, hour.Problem, source.Problem, line.Problem, dayType.Problem) is { } problem
                ? NotFound(problem)
                : Frame(http, Columns.LegStats,
                    DrawOrder(MapQueries.Legs(choices.Database, month.Value, hour.Value, source.Value.Code, line.Value, dayType.Value)));
        }));

        api.MapRead("/comparison/{cy}/{cm}/{py}/{pm}/{h}", (HttpContext http, string cy, string cm, string py, string pm, string h) => With(http, choices =>
        {
            var current = choices.Month(cy, cm);
            var previous = choices.Month(py, pm);
            var hour = choices.Hour(h);
            var ds = Query(http, "data_source");
            var source = ds is null ? Checked<DataSource?>.Ok(null) : Nullable(choices.DataSource(ds));
            var line = source.Value is { } s ? choices.Line(s.Code, Query(http, "line_ref")) : Checked<string?>.Ok(null);
            var dayType = Choices.ParseDayType(Query(http, "day_type"));
            return FirstProblem(current.Problem, previous.Problem, hour.Problem, source.Problem, line.Problem, dayType.Problem) is { } problem
                ? NotFound(problem)
                : Frame(http, Columns.Comparison, DrawOrder(
                    MapQueries.Comparison(choices.Database, current.Value, previous.Value, hour.Value, source.Value?.Code, line.Value, dayType.Value)));
        }));

        api.MapRead("/changes/{y}/{m}", (HttpContext http, string y, string m) => With(http, choices =>
        {
            var month = choices.Month(y, m);
            var baseline = month.IsOk ? choices.Baseline(month.Value, Query(http, "baseline")) : default;
            var ds = Query(http, "data_source");
            var source = ds is null ? Checked<DataSource?>.Ok(null) : Nullable(choices.DataSource(ds));
            var line = source.Value is { } s ? choices.Line(s.Code, Query(http, "line_ref")) : Checked<string?>.Ok(null);
            var dayType = Choices.ParseDayType(Query(http, "day_type"));
            return FirstProblem(month.Problem, baseline.Problem, source.Problem, line.Problem, dayType.Problem) is { } problem
                ? NotFound(problem)
                : Frame(http, Columns.Changes, ChangeHourRow.Of(ChangeQueries.Changes(choices.Database,
                    new ChangeScope(month.Value, baseline.Value, dayType.Value, source.Value?.Code, line.Value))));
        }));

        api.MapRead("/punctuality/{y}/{m}", (HttpContext http, string y, string m) => With(http, choices => PunctualityApi.Answer(http, choices, y, m)));

        return endpoints;
    }

    /// <summary>Runs the endpoint on the loaded stats.db, or answers 503 while there is none.</summary>
    private static IResult With(HttpContext http, Func<Choices, IResult> endpoint)
    {
        var provider = http.RequestServices.GetRequiredService<StatsDbProvider>();
        if (provider.Current is not { } database)
        {
            return Results.Json(new { error = $"Not ready: {provider.Status}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var today = Clock.Today(http.RequestServices.GetRequiredService<TimeProvider>());
        return endpoint(new Choices(database, today));
    }

    /// <summary>
    /// The original's order: the rows the views choose (worst first) turned round, mildest first, so a map client that
    /// draws in array order puts the worst on top. Ties therefore come in the views' tie order reversed: hot spots and
    /// leg stats by rush intensity, then excess (hourly_quartile - monthly_duration), ascending, then data source and
    /// stop ids descending; comparisons by |proportion| ascending, then data source and stop ids descending.
    /// </summary>
    private static IReadOnlyList<T> DrawOrder<T>(IReadOnlyList<T> rows) => [.. rows.Reverse()];

    internal static string? Query(HttpContext http, string name) =>
        http.Request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    private static Checked<DataSource?> Nullable(Checked<DataSource> source) =>
        source.IsOk ? Checked<DataSource?>.Ok(source.Value) : Checked<DataSource?>.Fail(source.Problem!);

    private static string? FirstProblem(params string?[] problems) => problems.FirstOrDefault(p => p is not null);

    private static IResult NotFound(string problem) => Results.Json(new { error = problem }, statusCode: StatusCodes.Status404NotFound);

    internal static IResult Frame<T>(HttpContext http, IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows) =>
        Json(http, w => Columns.WriteFrame(w, columns, rows));

    private static IResult Json(HttpContext http, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        http.Response.Headers.CacheControl = CacheControl;
        return Results.Bytes(buffer.WrittenMemory, "application/json; charset=utf-8");
    }
}
