using System.Globalization;
using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Web.Selection;

public enum MapView
{
    HotSpots,
    Legs,
    Comparison,
    About,
    /// <summary>The regressed and improved stretches of a month against a baseline (data-model.md section 7): no hour in its path.</summary>
    Changes,
    /// <summary>Stops coloured by their departures' on-time share (data-model.md section 9): an hour, or the whole day (<see cref="MapState.AllDay"/>).</summary>
    Punctuality,
}

/// <summary>
/// Everything a map view shows, and its address: the original's routes, so its shared links keep
/// working, with the map position as query values.
/// </summary>
public sealed record MapState(
    MapView View,
    DateOnly Month,
    int Hour,
    string? DataSource = null,
    string? LineRef = null,
    DateOnly? Previous = null,
    MapPosition? Position = null,
    DayType DayType = DayType.Weekday,
    bool AllRows = false)
{
    public string Path => View switch
    {
        MapView.HotSpots => $"{Prefix}/hot-spots",
        MapView.Legs => $"{Prefix}/legs/{Segment(DataSource!)}{OptionalSegment(LineRef)}",
        MapView.Comparison => $"{Prefix}/comparison/{Previous!.Value.Year}/{Previous.Value.Month}{OptionalSegment(DataSource)}{(DataSource is null ? "" : OptionalSegment(LineRef))}",
        MapView.About => $"{Prefix}/about",
        MapView.Punctuality => $"{Prefix}/punctuality{OptionalSegment(DataSource)}{(DataSource is null ? "" : OptionalSegment(LineRef))}",
        MapView.Changes => string.Create(CultureInfo.InvariantCulture, $"/{Month.Year}/{Month.Month}/changes")
            + $"{OptionalSegment(DataSource)}{(DataSource is null ? "" : OptionalSegment(LineRef))}",
        _ => throw new ArgumentOutOfRangeException(nameof(View), View, null),
    };

    /// <summary>The shareable address: path plus baseline (changes), day type, map position and "show all rows".</summary>
    public string Url => string.Join("&", new[] { BaselineQuery, Query(DayType, Position), AllRows ? AllRowsQuery : null }.Where(q => q is { Length: > 0 })) is { Length: > 0 } query
        ? $"{Path}?{query}"
        : Path;

    /// <summary>What the view's stretch and stop links carry: its month (the later one of a comparison), hour and day type.</summary>
    public Display.ViewedAt At => new(Month, Hour, DayType);

    /// <summary>The CSV download of the view's rows.</summary>
    public string CsvUrl => HandlerUrl("csv");

    /// <summary>
    /// The markers of a big view (every row, not only the table's first screenful), fetched by map.js apart from the
    /// page: one address per view whatever its table's order or rows, so re-sorting does not fetch them again.
    /// </summary>
    public string MapDataUrl => HandlerUrl("map");

    private string HandlerUrl(string handler) =>
        $"{Path}?handler={handler}{(BaselineQuery is { } baseline ? "&" + baseline : "")}{(DayType == DayType.Weekday ? "" : "&" + DayQuery(DayType))}";

    /// <summary>The changes' baseline is a query value, left out when it is the default, the month before.</summary>
    private string? BaselineQuery => View == MapView.Changes && Previous is { } baseline && baseline != MonthBefore(Month)
        ? "baseline=" + MonthValue(baseline)
        : null;

    /// <summary>
    /// The query values every view shares: <c>day</c> (left out for weekdays, so the original's addresses mean what
    /// they meant) and the map position.
    /// </summary>
    public static string Query(DayType dayType, MapPosition? position) =>
        string.Join("&", new[] { dayType == DayType.Weekday ? null : DayQuery(dayType), position?.Query }.OfType<string>());

    public static string DayQuery(DayType dayType) => $"day={dayType.Name()}";

    /// <summary>
    /// How many rows a big view's table shows before "show all": the first screenful of a thousand-row table, so the
    /// page is light; the rest is one link away, and every row is in the CSV and the API.
    /// </summary>
    public const int FirstRows = 100;

    /// <summary>The query value that shows every row of a big table instead of the first <see cref="FirstRows"/>.</summary>
    public const string AllRowsQuery = "rows=all";

    /// <summary>How many rows the view's table shows: all, or the first screenful.</summary>
    public int? ShownRows => AllRows ? null : FirstRows;

    private string Prefix => string.Create(CultureInfo.InvariantCulture, $"/{Month.Year}/{Month.Month}/{HourSegment(Hour)}");

    /// <summary>
    /// The punctuality view's whole day (its figures with hour NULL), in the address as <c>all</c>
    /// (<c>/2025/2/all/punctuality</c>); no other view has it.
    /// </summary>
    public const int AllDay = -1;

    /// <summary>The hour in an address: its number, or <c>all</c> for <see cref="AllDay"/>.</summary>
    public static string HourSegment(int hour) => hour == AllDay ? AllDaySegment : hour.ToString(CultureInfo.InvariantCulture);

    public const string AllDaySegment = "all";

    private static string OptionalSegment(string? value) => value is null ? "" : "/" + Segment(value);

    /// <summary>Line refs keep their colons readable (RUT:Line:31), as the original's links had them.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal);

    /// <summary>
    /// The month before, which comparisons default to. January of year 1 (a typed address) has none: it
    /// stays, and the comparison then says there are no statistics for it, instead of a 500.
    /// </summary>
    public static DateOnly MonthBefore(DateOnly month) => month == DateOnly.MinValue ? month : month.AddMonths(-1);

    public static string MonthValue(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParseMonthValue(string? value, out DateOnly month) =>
        DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}
