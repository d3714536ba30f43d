using System.Text.Encodings.Web;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;
using Microsoft.AspNetCore.Html;

namespace Kollektivkart.Web.Display;

/// <summary>The facts a stretch's tooltip shows, as the original's: rush intensity, times now and normally, delays, counts.</summary>
public static class StretchFacts
{
    public static IReadOnlyList<string[]> Of(LegStatRow r) =>
    [
        ["Operator", r.DataSource],
        ["Rush intensity", Durations.RushIntensity(r.RushIntensity)],
        ["Typical time, this hour", Durations.Format(r.HourlyDuration)],
        ["Typical time, all day", Durations.Format(r.MonthlyDuration)],
        ["Slowest quarter from, this hour", Durations.Format(r.HourlyQuartile)],
        ["Mean time, this hour / all day", $"{Durations.Format(r.MeanHourlyDuration)} / {Durations.Format(r.MeanMonthlyDuration)}"],
        ["Delay at the stop, this hour", Durations.Signed(r.HourlyDelay)],
        ["Delay added on the stretch, this hour", Durations.Signed(r.HourlyDeviation)],
        ["Vehicles, this hour / month", $"{r.HourlyCount:N0} / {r.MonthlyCount:N0}"],
        ["Distance", $"{r.AirDistanceMeters:N0} m"],
    ];

    public static IReadOnlyList<string[]> Of(ComparisonRow r) =>
    [
        ["Operator", r.DataSource],
        ["Change in mean time", ComparisonChange.Text(r)],
        ["Mean time, now / before", $"{Durations.Format(r.Current.MeanHourlyDuration)} / {Durations.Format(r.Previous.MeanHourlyDuration)}"],
        ["Typical time, now / before", $"{Durations.Format(r.Current.HourlyDuration)} / {Durations.Format(r.Previous.HourlyDuration)}"],
        ["Slowest quarter from, now / before", $"{Durations.Format(r.Current.HourlyQuartile)} / {Durations.Format(r.Previous.HourlyQuartile)}"],
        ["Delay at the stop, now / before", $"{Durations.Signed(r.Current.HourlyDelay)} / {Durations.Signed(r.Previous.HourlyDelay)}"],
        ["Delay added, now / before", $"{Durations.Signed(r.Current.HourlyDeviation)} / {Durations.Signed(r.Previous.HourlyDeviation)}"],
        ["Vehicles this hour, now / before", $"{r.Current.HourlyCount:N0} / {r.Previous.HourlyCount:N0}"],
    ];

    /// <summary>A marker's links: the stretch over time, then both its stops, looked at as the view is.</summary>
    public static IReadOnlyList<MapLink> Links(string fromId, string fromName, string toId, string toName, ViewedAt at) =>
    [
        new(at.Stretch(fromId, toId), $"{fromName} to {toName} over time"),
        new(at.Stop(fromId), fromName),
        new(at.Stop(toId), toName),
    ];

    /// <summary>A stop page's address, with the month, hour and day type it is looked at in when given (weekday left out).</summary>
    public static string StopHref(string stopId, DateOnly? month = null, int? hour = null, DayType dayType = DayType.Weekday) =>
        WithQuery("/stops/" + MapState.Segment(stopId), month, hour, dayType);

    /// <summary>
    /// A stretch page's address (<c>/stretches/{from}/{to}</c>), with the month, hour and day type it is looked at in
    /// when given; a weekday is left out as everywhere else.
    /// </summary>
    public static string StretchHref(string fromStopId, string toStopId, DateOnly? month = null, int? hour = null,
        DayType dayType = DayType.Weekday) =>
        WithQuery($"/stretches/{MapState.Segment(fromStopId)}/{MapState.Segment(toStopId)}", month, hour, dayType);

    /// <summary>A line page's address looked at in a month, hour and day type (weekday left out).</summary>
    public static string LineHref(string dataSource, string lineRef, DateOnly month, int hour, DayType dayType) =>
        WithQuery($"/lines/{MapState.Segment(dataSource)}/{MapState.Segment(lineRef)}", month, hour, dayType);

    private static string WithQuery(string path, DateOnly? month, int? hour, DayType dayType)
    {
        var query = string.Join("&", new[]
        {
            month is { } m ? "month=" + MapState.MonthValue(m) : null,
            hour is { } h ? $"hour={h}" : null,
            dayType == DayType.Weekday ? null : MapState.DayQuery(dayType),
        }.OfType<string>());
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}

/// <summary>
/// The month, hour and day type a table or map shows: its stretches link to their stretch pages looked at the same
/// way, its stops to their stop pages on the same day type.
/// </summary>
public sealed record ViewedAt(DateOnly Month, int Hour, DayType DayType)
{
    public string Stretch(string fromStopId, string toStopId) => StretchFacts.StretchHref(fromStopId, toStopId, Month, Hour, DayType);

    public string Stop(string stopId) => StretchFacts.StopHref(stopId, dayType: DayType);
}

/// <summary>
/// A stretch's name in a table row: both stops linked to their pages, and the arrow between them to the stretch's own
/// page (its history). Written straight into the row rather than as a partial view: a hot-spots table has 1,000 rows.
/// </summary>
public sealed record StretchName(string FromStopId, string FromStop, string ToStopId, string ToStop, ViewedAt At) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        var overTime = $"{FromStop} to {ToStop} over time";
        writer.Write("<a href=\"");
        encoder.Encode(writer, At.Stop(FromStopId));
        writer.Write("\">");
        encoder.Encode(writer, FromStop);
        writer.Write("</a> <a class=\"stretch-link\" href=\"");
        encoder.Encode(writer, At.Stretch(FromStopId, ToStopId));
        writer.Write("\" title=\"");
        encoder.Encode(writer, overTime);
        writer.Write("\" aria-label=\"");
        encoder.Encode(writer, overTime);
        writer.Write("\">→</a> <a href=\"");
        encoder.Encode(writer, At.Stop(ToStopId));
        writer.Write("\">");
        encoder.Encode(writer, ToStop);
        writer.Write("</a>");
    }
}
