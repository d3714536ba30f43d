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
/// in <see cref="IndexModel.Columns"/> and <see cref="IndexModel.CsvColumns"/>.
/// </summary>
public sealed record OperatorRow(DataSource Source, int Stretches, string LegsHref, string ChangesHref, string FeedHref);

/// <summary>Every operator with statistics: how many stretches it has in a month and day type, and links to its views.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    public const string DefaultSort = "name";

    /// <summary>The table's columns; the page shows each one's value (counts grouped) and sorts by it.</summary>
    public static readonly IReadOnlyList<SortColumn<OperatorRow>> Columns =
    [
        new("name", "Operator", r => r.Source.Name, Numeric: false),
        new("code", "Code", r => r.Source.Code, Numeric: false),
        new("stretches", "Stretches", r => r.Stretches),
    ];

    /// <summary>The CSV's columns: the table's figures and the views' addresses.</summary>
    public static readonly IReadOnlyList<Column<OperatorRow>> CsvColumns =
    [
        new("name", r => r.Source.Name),
        new("data_source", r => r.Source.Code),
        new("stretches", r => r.Stretches),
        new("legs", r => r.LegsHref),
        new("changes", r => r.ChangesHref),
        new("feed", r => r.FeedHref),
    ];

    public Table<OperatorRow> Table { get; private set; } = null!;

    public PageSelectors Selectors { get; private set; } = null!;

    public string Heading { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string CsvUrl { get; private set; } = "";

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
        var rows = Choices.Catalog.DataSources.Select(source => new OperatorRow(
            source,
            stretches.GetValueOrDefault(source.Code),
            new MapState(MapView.Legs, chosen, Choices.DefaultHour, source.Code, DayType: DayType).Url,
            new MapState(MapView.Changes, chosen, Choices.DefaultHour, source.Code, Previous: MapState.MonthBefore(chosen), DayType: DayType).Url,
            FeedEndpoints.OperatorHref(source.Code, DayType))).ToList();
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
              "Open an operator's map, its changes against the month before, or its feed.";
        return true;
    }
}
