using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Display;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.Operators;

/// <summary>
/// One operator in a month: its figures and the addresses of its views. A new figure is a property here and a line
/// in <see cref="IndexModel.Columns"/> and <see cref="IndexModel.CsvColumns"/>. <see cref="Punctuality"/> is the whole
/// day's (null without departures that month and day type), <see cref="Trend"/> its on-time share over 12 months.
/// </summary>
public sealed record OperatorRow(
    DataSource Source, int Stretches, string LegsHref, string ChangesHref, string FeedHref,
    PunctualityFigures? Punctuality, Sparkline Trend, string PageHref);

/// <summary>Every operator with statistics: how many stretches it has in a month and day type, and links to its views.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public const string DefaultSort = "name";

    /// <summary>The table's columns; the page shows each one's value (counts grouped) and sorts by it.</summary>
    public static readonly IReadOnlyList<SortColumn<OperatorRow>> Columns =
    [
        new("name", "Operator", r => r.Source.Name, Numeric: false),
        new("code", "Code", r => r.Source.Code, Numeric: false),
        new("on_time", "On time", r => r.Punctuality?.OnTimeShare ?? -1.0),
        new("cancelled", "Cancelled", r => r.Punctuality?.CancelledShare ?? -1.0),
        new("observed", "Observed", r => r.Punctuality?.Observed ?? 0),
        new("stretches", "Stretches", r => r.Stretches),
    ];

    /// <summary>The CSV's columns: the table's figures and the views' addresses.</summary>
    public static readonly IReadOnlyList<Column<OperatorRow>> CsvColumns =
    [
        new("name", r => r.Source.Name),
        new("data_source", r => r.Source.Code),
        new("stretches", r => r.Stretches),
        new("planned", r => r.Punctuality?.Planned ?? 0),
        new("observed", r => r.Punctuality?.Observed ?? 0),
        new("cancelled", r => r.Punctuality?.Cancelled ?? 0),
        new("on_time_share", r => Shares.Csv(r.Punctuality?.OnTimeShare)),
        new("cancelled_share", r => Shares.Csv(r.Punctuality?.CancelledShare)),
        new("page", r => r.PageHref),
        new("legs", r => r.LegsHref),
        new("changes", r => r.ChangesHref),
        new("feed", r => r.FeedHref),
    ];

    public Table<OperatorRow> Table { get; private set; } = null!;

    public PageSelectors Selectors { get; private set; } = null!;

    public string Heading { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string CsvUrl { get; private set; } = "";

    /// <summary>The columns of shares, which show a percentage or a dash with its reason (Shares.Cell).</summary>
    public static bool IsShare(SortColumn<OperatorRow> column) => column.Key is "on_time" or "cancelled";

    /// <summary>A share column's figure as Shares.Cell shows it.</summary>
    public static string? Share(SortColumn<OperatorRow> column, OperatorRow row) => column.Key switch
    {
        "on_time" => Shares.Percent(row.Punctuality?.OnTimeShare),
        _ => Shares.Percent(row.Punctuality?.CancelledShare),
    };

    /// <summary>Whether a share in the table is a dash: the note under it says why.</summary>
    public bool HasDash => Table.Rows.Any(r => r.Punctuality is not { Shown: true });

    /// <summary>A cell as the page shows it: counts with thousands grouped, names as they are.</summary>
    public static string Cell(SortColumn<OperatorRow> column, OperatorRow row) => column.Value(row) switch
    {
        int count => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };

    public IActionResult OnGet(string? month, string? sort, string? dir) => Load(month, sort, dir, out var problem) ? Page() : problem!;

    public IActionResult OnGetCsv(string? month, string? sort, string? dir) =>
        Load(month, sort, dir, out var problem)
            ? Csv.File(CsvColumns, Table.Rows, $"operators-{MapState.MonthValue(Selectors.Month)}{(DayType == DayType.Weekday ? "" : "-" + DayType.Name())}")
            : problem!;

    private bool Load(string? month, string? sort, string? dir, out IActionResult? problem)
    {
        if (!TryReadMonthAndHour(month, null, out var chosen, out _, out problem))
        {
            return false;
        }
        var stretches = OperatorQueries.Stretches(Choices.Database, chosen, DayType);
        // One query for this month's figures and the trend: the whole day's rows of every operator over 12 months.
        var months = PunctualityQueries.OperatorMonths(Choices.Database, null, DayType, Sparkline.First(chosen), chosen)
            .ToLookup(m => m.DataSource);
        var rows = Choices.Catalog.DataSources.Select(source => new OperatorRow(
            source,
            stretches.GetValueOrDefault(source.Code),
            new MapState(MapView.Legs, chosen, Choices.DefaultHour, source.Code, DayType: DayType).Url,
            new MapState(MapView.Changes, chosen, Choices.DefaultHour, source.Code, Previous: MapState.MonthBefore(chosen), DayType: DayType).Url,
            FeedEndpoints.OperatorHref(source.Code, DayType),
            months[source.Code].FirstOrDefault(m => m.Month == chosen)?.Figures,
            Sparkline.Of(months[source.Code], Choices.Months[0], chosen),
            OperatorPage.Href(source.Code, chosen, DayType))).ToList();
        Selectors = new PageSelectors("/operators", Choices.Months, chosen, Choices.DefaultHour, DayType);
        var query = MapState.Query(DayType, null);
        var address = $"/operators?month={MapState.MonthValue(chosen)}{(query.Length > 0 ? "&" + query : "")}";
        Table = new Table<OperatorRow>(Columns, rows, sort, dir, DefaultSort, address);
        CsvUrl = Table.WithSort($"/operators?handler=csv&month={MapState.MonthValue(chosen)}{(query.Length > 0 ? "&" + query : "")}");
        Heading = $"Operators, {Choices.Format(chosen)}, {DayType.Label()}";
        var with = rows.Count(r => r.Stretches > 0);
        Summary = rows.Count == 0
            ? "No operator has statistics yet."
            : $"{Plural.Of(rows.Count, "operator")}, {with:N0} of them with statistics in {Choices.Format(chosen)} on {DayType.Label().ToLowerInvariant()}. " +
              "Stretches are the pairs of stops next to each other on a route that an operator has statistics for, at any hour. " +
              "On time is the share of observed departures from 1 minute early to 3 minutes late, over the whole day; cancelled is the share of " +
              "departures whose fate is known that did not run. Open an operator for its lines and stops, its map, its changes against the month before, or its feed.";
        return true;
    }
}
