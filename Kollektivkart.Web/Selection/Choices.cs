using System.Globalization;
using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Selection;

/// <summary>
/// Reads the parts of a view's address (month, hour, operator, line) against what stats.db holds.
/// Each check gives the value or a sentence saying what was not found, for the 404 page or the API's error.
/// </summary>
public sealed class Choices(StatsDatabase database, DateOnly today)
{
    public const int DefaultHour = 15;
    public const string DefaultDataSource = "RUT";

    public StatsDatabase Database { get; } = database;

    public DataCatalog Catalog => Database.Catalog;

    public DateOnly Today { get; } = today;

    public IReadOnlyList<DateOnly> Months => Catalog.OfferedMonths(Today);

    public Checked<DateOnly> Month(string? year, string? month)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || y is < 1 or > 9999 || m is < 1 or > 12)
        {
            return Checked<DateOnly>.Fail($"\u201c{year}/{month}\u201d is not a month: use a year and a month number, such as 2025/3.");
        }
        var value = new DateOnly(y, m, 1);
        return Catalog.Offers(value, Today)
            ? Checked<DateOnly>.Ok(value)
            : Checked<DateOnly>.Fail($"There are no statistics for {Format(value)}. {MonthRange()}");
    }

    /// <summary>
    /// The month a month's changes are measured against (<c>baseline=YYYY-MM</c>): an offered month before it; absent,
    /// the month before (data-model.md section 7).
    /// </summary>
    public Checked<DateOnly> Baseline(DateOnly month, string? value)
    {
        var baseline = MapState.MonthBefore(month);
        if (value is not null && !MapState.TryParseMonthValue(value, out baseline))
        {
            return Checked<DateOnly>.Fail($"\u201c{value}\u201d is not a baseline month: use a year and month such as {MapState.MonthValue(MapState.MonthBefore(month))}.");
        }
        if (baseline >= month)
        {
            return Checked<DateOnly>.Fail($"The baseline {Format(baseline)} is not before {Format(month)}: changes are measured against an earlier month.");
        }
        return Catalog.Offers(baseline, Today)
            ? Checked<DateOnly>.Ok(baseline)
            : Checked<DateOnly>.Fail($"There are no statistics for {Format(baseline)} to measure {Format(month)} against. {MonthRange()}");
    }

    /// <summary>
    /// What a comparison of the first offered month says instead of its figures, null when an earlier month has statistics:
    /// "There is no earlier month to compare with: the data starts in January 2025."
    /// </summary>
    public string? NoEarlierMonth(DateOnly month) => Months.Count > 0 && Months[0] >= month
        ? $"There is no earlier month to compare with: the data starts in {Format(Months[0])}."
        : null;

    /// <summary>
    /// Why the newest month is missing from the month selectors, if it is: "December 2026 appears on 8 December, when it has
    /// 7 days of data." (data-model.md section 5); null when every month with statistics is offered.
    /// </summary>
    public string? PendingMonthNote() => Catalog.PendingMonths(Today) is { Count: > 0 } pending
        ? string.Join(" ", pending.Select(p =>
            $"{Format(p.Month)} appears on {p.OfferedFrom.ToString("d MMMM", CultureInfo.InvariantCulture)}, when it has {DataCatalog.MinimumMonthAgeDays} days of data."))
        : null;

    /// <summary>The months a month's changes can be measured against, the newest first.</summary>
    public IReadOnlyList<DateOnly> Baselines(DateOnly month) => Months.Where(m => m < month).Reverse().ToList();

    public Checked<int> Hour(string? hour) =>
        int.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23
            ? Checked<int>.Ok(h)
            : Checked<int>.Fail($"\u201c{hour}\u201d is not an hour of the day: use 0 to 23.");

    /// <summary>An hour of the punctuality view's address: 0 to 23, or <c>all</c> for the whole day (<see cref="MapState.AllDay"/>).</summary>
    public Checked<int> HourOrAllDay(string? hour) =>
        hour == MapState.AllDaySegment ? Checked<int>.Ok(MapState.AllDay)
        : int.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23 ? Checked<int>.Ok(h)
        : Checked<int>.Fail($"\u201c{hour}\u201d is not an hour of the day: use 0 to 23, or {MapState.AllDaySegment} for the whole day.");

    /// <summary>A day type as an address names it (<c>day=</c>, the API's <c>day_type=</c>); absent means weekdays.</summary>
    public static Checked<DayType> ParseDayType(string? name) =>
        name is null ? Checked<DayType>.Ok(Data.Calendar.DayType.Weekday)
        : DayTypes.TryParse(name, out var dayType) ? Checked<DayType>.Ok(dayType)
        : Checked<DayType>.Fail($"There is no day type \u201c{name}\u201d: use {string.Join(", ", DayTypes.All.Select(d => d.Name()))}.");

    public Checked<DataSource> DataSource(string? code) =>
        code is not null && Catalog.FindDataSource(code) is { } found
            ? Checked<DataSource>.Ok(found)
            : Checked<DataSource>.Fail($"There is no operator \u201c{code}\u201d with statistics. Operators: {string.Join(", ", Catalog.DataSources.Select(d => d.Code))}.");

    private readonly Dictionary<string, IReadOnlyList<LineSummary>> _lines = new(StringComparer.Ordinal);

    /// <summary>An operator's lines, read once per request: the line check and the line selector both need them.</summary>
    public IReadOnlyList<LineSummary> Lines(string dataSource)
    {
        if (!_lines.TryGetValue(dataSource, out var lines))
        {
            _lines[dataSource] = lines = LineQueries.Lines(Database, dataSource);
        }
        return lines;
    }

    /// <summary>No line chosen is fine (null); a chosen one must be one of the operator's.</summary>
    public Checked<string?> Line(string dataSource, string? lineRef)
    {
        if (lineRef is null)
        {
            return Checked<string?>.Ok(null);
        }
        return Lines(dataSource).Any(l => l.LineRef == lineRef)
            ? Checked<string?>.Ok(lineRef)
            : Checked<string?>.Fail($"Operator {dataSource} has no line \u201c{lineRef}\u201d with statistics.");
    }

    public static string Format(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private string MonthRange() => Months.Count == 0
        ? "No month has statistics yet."
        : $"Months with statistics: {Format(Months[0])} to {Format(Months[^1])}.";
}

/// <summary>A checked part of an address: the value, or what was wrong with it.</summary>
public readonly record struct Checked<T>(T Value, string? Problem)
{
    public bool IsOk => Problem is null;

    public static Checked<T> Ok(T value) => new(value, null);

    public static Checked<T> Fail(string problem) => new(default!, problem);
}
