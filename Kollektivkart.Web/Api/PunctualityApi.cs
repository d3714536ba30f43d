using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Api;

/// <summary>
/// <c>/api/punctuality/{y}/{m}</c> (data-model.md section 9): one row per operator; with <c>data_source</c> per line of it;
/// with <c>line_ref</c> too per direction and stop in route order; with <c>stop_id</c> per line at the stop. Without
/// <c>hour</c> the whole day, without <c>day_type</c> weekdays. A parameter that cannot be read is a 400 saying which; a
/// stop without departures gives no rows.
/// </summary>
public static class PunctualityApi
{
    public static IResult Answer(HttpContext http, Choices choices, string y, string m)
    {
        var month = choices.Month(y, m);
        var dayType = Choices.ParseDayType(ApiEndpoints.Query(http, "day_type"));
        var hourText = ApiEndpoints.Query(http, "hour");
        var hour = hourText is null ? Checked<int>.Ok(MapState.AllDay) : choices.Hour(hourText);
        var ds = ApiEndpoints.Query(http, "data_source");
        var lineRef = ApiEndpoints.Query(http, "line_ref");
        var stopId = ApiEndpoints.Query(http, "stop_id");
        var source = ds is null ? Checked<DataSource?>.Ok(null)
            : choices.DataSource(ds) is var found && found.IsOk ? Checked<DataSource?>.Ok(found.Value)
            : Checked<DataSource?>.Fail(found.Problem!);
        var line = source.Value is { } s ? choices.Line(s.Code, lineRef) : Checked<string?>.Ok(null);
        var problem = new[]
        {
            month.Problem, dayType.Problem, hour.Problem, source.Problem, line.Problem,
            lineRef is not null && ds is null ? "line_ref needs its data_source: data_source=ATB&line_ref=ATB:Line:3." : null,
            stopId is not null && (ds ?? lineRef) is not null
                ? "stop_id goes alone: it gives every line at the stop. Leave out data_source and line_ref." : null,
        }.FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status400BadRequest);
        }
        var db = choices.Database;
        int? h = hour.Value == MapState.AllDay ? null : hour.Value;
        if (stopId is not null)
        {
            return ApiEndpoints.Frame(http, PunctualityColumns.StopLines, PunctualityQueries.StopLines(db, stopId, month.Value, dayType.Value, h)
                .Select(r => new PunctualityApiRow(r.Figures, r.DataSource, r.LineRef, StopId: stopId)).ToList());
        }
        if (source.Value is not { } operatorSource)
        {
            return ApiEndpoints.Frame(http, PunctualityColumns.Operators, PunctualityQueries.Operators(db, month.Value, dayType.Value, h)
                .Select(r => new PunctualityApiRow(r.Figures, r.DataSource, Final: r.Final)).ToList());
        }
        if (line.Value is not { } chosenLine)
        {
            return ApiEndpoints.Frame(http, PunctualityColumns.Lines, PunctualityQueries.Lines(db, operatorSource.Code, month.Value, dayType.Value, h)
                .Select(r => new PunctualityApiRow(r.Figures, r.DataSource, r.LineRef, Final: r.Final)).ToList());
        }
        return ApiEndpoints.Frame(http, PunctualityColumns.LineStops,
            PunctualityQueries.LineStops(db, operatorSource.Code, chosenLine, month.Value, dayType.Value, h)
                .Select(r => new PunctualityApiRow(r.Figures, operatorSource.Code, chosenLine, r.Direction, r.StopId)).ToList());
    }
}
