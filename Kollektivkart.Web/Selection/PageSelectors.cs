using Kollektivkart.Data.Calendar;
using Kollektivkart.Web.Display;

namespace Kollektivkart.Web.Selection;

/// <summary>
/// The month and hour form of a stop or line page: it submits to the page's own address, so the
/// choice is a query (<c>?month=2025-03&amp;hour=8&amp;day=saturday</c>) and every state is a link.
/// </summary>
public sealed record PageSelectors(
    string Action, IReadOnlyList<DateOnly> Months, DateOnly Month, int Hour, DayType DayType = DayType.Weekday)
{
    public string Url(DateOnly month, int hour) =>
        $"{Action}?month={MapState.MonthValue(month)}&hour={hour}{(MapState.Query(DayType, null) is { Length: > 0 } query ? "&" + query : "")}";

    public string Current => Url(Month, Hour);

    public ViewedAt At => new(Month, Hour, DayType);

    /// <summary>What the page's live region says when a choice swaps the view in: the page and what is chosen.</summary>
    public string Announcement(string page) => $"{page}: {Choices.Format(Month)}, {DayType.Label()}, {Selectors.HourLabel(Hour)}";
}
