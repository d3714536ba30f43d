using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// A hand-built pond taken through the real transforms once per test class, and its stats.db opened as
/// the site opens it. Subclasses state the stops and journeys.
/// </summary>
public abstract class SitePond : IDisposable
{
    protected static readonly DateOnly January = new(2025, 1, 1);
    protected static readonly DateOnly February = new(2025, 2, 1);
    protected static readonly DateOnly Saturday = new(2025, 2, 1);

    private readonly TestPond _pond = new();

    protected SitePond(Action<TestPond> build)
    {
        build(_pond);
        _pond.Write().Derive();
        Db = _pond.OpenStatsDatabase();
    }

    public StatsDatabase Db { get; }

    /// <summary>One journey on Saturday 1 February: legs and lines, but no weekday statistics.</summary>
    protected static IEnumerable<Call> OnSaturday(string lineRef, string direction, params string[] stops)
    {
        var journey = new JourneyBuilder(Saturday, $"{lineRef}:{direction}:saturday", Journeys.Local(Saturday, TimeSpan.FromHours(12)))
            { LineRef = lineRef, DataSource = lineRef.Split(':')[0], DirectionRef = direction };
        for (var n = 0; n < stops.Length; n++)
        {
            journey.At(stops[n], 2 * n);
        }
        return journey.Calls();
    }

    public void Dispose()
    {
        Db.Dispose();
        _pond.Dispose();
        GC.SuppressFinalize(this);
    }
}
