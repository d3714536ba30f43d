using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Api;

/// <summary>
/// A row of the punctuality API (data-model.md section 9): the keys its grain has (null where the grain has none; only
/// the grain's are written) and its figures; <see cref="Final"/> for operators and lines, which have final arrivals.
/// </summary>
public sealed record PunctualityApiRow(
    PunctualityFigures Figures, string? DataSource = null, string? LineRef = null, string? Direction = null, string? StopId = null,
    FinalArrivals? Final = null);

/// <summary>The punctuality frames' and CSVs' columns: each grain's keys, then section 9's measures under section 9's names.</summary>
public static class PunctualityColumns
{
    public static readonly IReadOnlyList<Column<PunctualityApiRow>> Operators =
        [Key("data_source", r => r.DataSource), .. Measures<PunctualityApiRow>(r => r.Figures), .. Finals<PunctualityApiRow>(r => r.Final!)];

    public static readonly IReadOnlyList<Column<PunctualityApiRow>> Lines =
    [
        Key("data_source", r => r.DataSource), Key("line_ref", r => r.LineRef),
        .. Measures<PunctualityApiRow>(r => r.Figures), .. Finals<PunctualityApiRow>(r => r.Final!),
    ];

    public static readonly IReadOnlyList<Column<PunctualityApiRow>> LineStops =
    [
        Key("data_source", r => r.DataSource), Key("line_ref", r => r.LineRef), Key("direction", r => r.Direction),
        Key("stop_id", r => r.StopId), .. Measures<PunctualityApiRow>(r => r.Figures),
    ];

    public static readonly IReadOnlyList<Column<PunctualityApiRow>> StopLines =
    [
        Key("stop_id", r => r.StopId), Key("data_source", r => r.DataSource), Key("line_ref", r => r.LineRef),
        .. Measures<PunctualityApiRow>(r => r.Figures),
    ];

    /// <summary>The punctuality map's table as CSV: each stop with its name and position, then the measures.</summary>
    public static readonly IReadOnlyList<Column<StopPunctuality>> Stops =
    [
        new("stop_id", r => r.StopId),
        new("name", r => r.Name),
        new("lat", r => r.Lat),
        new("lon", r => r.Lon),
        .. Measures<StopPunctuality>(r => r.Figures),
    ];

    /// <summary>
    /// Counts, the two shares the API names (fractions to 4 decimals, as <see cref="Display.Shares.Csv"/> writes them) and
    /// the delays in seconds; shares and delays null below 20 observed departures.
    /// </summary>
    public static Column<T>[] Measures<T>(Func<T, PunctualityFigures> figures) =>
    [
        new("planned", r => figures(r).Planned),
        new("cancelled", r => figures(r).Cancelled),
        new("observed", r => figures(r).Observed),
        new("unknown", r => figures(r).Unknown),
        new("early", r => figures(r).Early),
        new("on_time", r => figures(r).OnTime),
        new("late", r => figures(r).Late),
        new("very_late", r => figures(r).VeryLate),
        new("on_time_share", r => Share(figures(r).OnTimeShare)),
        new("cancelled_share", r => Share(figures(r).CancelledShare)),
        new("median_delay", r => figures(r).ShownMedianDelay),
        new("p90_delay", r => figures(r).ShownP90Delay),
    ];

    public static Column<T>[] Finals<T>(Func<T, FinalArrivals> final) =>
    [
        new("final_observed", r => final(r).Observed),
        new("arrived_within_3_59", r => final(r).Within3Minutes59),
        new("arrived_within_5_59", r => final(r).Within5Minutes59),
        new("journeys_cancelled", r => final(r).JourneysCancelled),
    ];

    /// <summary>A share as a number with 4 decimals (0.8451), so the JSON and the CSV say what <see cref="Display.Shares.Csv"/> says.</summary>
    public static double? Share(double? share) => share is { } value ? Math.Round(value, 4) : null;

    private static Column<PunctualityApiRow> Key(string name, Func<PunctualityApiRow, string?> value) => new(name, r => value(r));
}
