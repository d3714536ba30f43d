using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Selection;

/// <summary>
/// The selector form of a map view: which choices it offers and what is chosen. It submits to
/// /select, which redirects to the view's own address (and htmx follows, swapping the view).
/// </summary>
public sealed record Selectors(
    MapState State,
    IReadOnlyList<DateOnly> Months,
    IReadOnlyList<DataSource> DataSources,
    IReadOnlyList<LineSummary> Lines,
    bool ChooseOperator = false,
    bool OperatorOptional = false,
    bool ChooseLine = false,
    bool ChoosePrevious = false,
    IReadOnlyList<DateOnly>? Baselines = null)
{
    /// <summary>The changes view spans the whole day: its address has no hour.</summary>
    public bool ChooseHour => State.View != MapView.Changes;

    /// <summary>The months "Compared with" offers, newest first: those before the chosen month (<see cref="Choices.Baselines"/>).</summary>
    public IEnumerable<DateOnly> PreviousMonths => Baselines ?? [];

    public static readonly IReadOnlyList<int> Hours = Enumerable.Range(0, 24).ToList();

    public static string HourLabel(int hour) => hour == MapState.AllDay ? "All day" : $"{hour:00}:00\u2013{hour:00}:59";

    /// <summary>The punctuality view offers the whole day (its default in the API) besides each hour.</summary>
    public bool ChooseAllDay => State.View == MapView.Punctuality;

    public string ViewName => State.View switch
    {
        MapView.HotSpots => "hot-spots",
        MapView.Legs => "legs",
        MapView.Comparison => "comparison",
        MapView.Changes => "changes",
        MapView.Punctuality => "punctuality",
        _ => "about",
    };
}
