namespace Kollektivkart.Web.Selection;

/// <summary>
/// The month and hour form of a stop or line page: it submits to the page's own address, so the
/// choice is a query (<c>?month=2025-03&amp;hour=8</c>) and every state is a link.
/// </summary>
public sealed record PageSelectors(string Action, IReadOnlyList<DateOnly> Months, DateOnly Month, int Hour, MapPosition? Position)
{
    public string Url(DateOnly month, int hour) =>
        $"{Action}?month={MapState.MonthValue(month)}&hour={hour}{(Position is null ? "" : "&" + Position.Query)}";

    public string Current => Url(Month, Hour);
}
