using Kollektivkart.Data.Calendar;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Serving;

namespace Kollektivkart.Web.Feeds;

/// <summary>
/// What a feed follows: an operator, one of its lines, or the stretches into and out of a stop. <see cref="Path"/> is
/// the address after <c>/feeds/</c> without <c>.atom</c> (also the heart of the feed's id); <see cref="Name"/> is how
/// titles say it.
/// </summary>
public sealed record FeedScope(string Path, string Name, string? DataSource = null, string? LineRef = null, string? StopId = null);

/// <summary>
/// One complete month with changes in scope against the month before (data-model.md section 7): how many stretches
/// got slower and faster, and the largest of each by impact. <see cref="Updated"/> is when the month's data became
/// complete: midnight in Norway starting the next month, a moment every rebuild and replica agrees on.
/// </summary>
public sealed record FeedEntry(
    DateOnly Month, DateOnly Baseline, DateTimeOffset Updated,
    int SlowerCount, int FasterCount, IReadOnlyList<StretchChange> Slower, IReadOnlyList<StretchChange> Faster);

/// <summary>The entries of a changes feed, newest month first.</summary>
public static class ChangeFeed
{
    /// <summary>The newest this many complete months are looked at: two years of entries at most.</summary>
    public const int MonthsCovered = 24;

    /// <summary>Regressions and, apart, improvements listed per entry.</summary>
    public const int TopStretches = 20;

    public static IReadOnlyList<FeedEntry> Entries(StatsDatabase db, FeedScope scope, DayType dayType)
    {
        var catalog = db.Catalog;
        var entries = new List<FeedEntry>();
        // Provisional months are left out: a complete month's changes do not change, so neither does its entry.
        foreach (var month in catalog.CompleteMonths.OrderDescending().Take(MonthsCovered))
        {
            var baseline = month.AddMonths(-1);
            if (!catalog.Months.Contains(baseline))
            {
                continue;
            }
            var changes = ChangeQueries.Changes(db, new ChangeScope(month, baseline, dayType, scope.DataSource, scope.LineRef, scope.StopId));
            if (changes.Count == 0)
            {
                continue;
            }
            var slower = changes.Where(c => c.Kind == ChangeKind.Regressed).ToList();
            var faster = changes.Where(c => c.Kind == ChangeKind.Improved).ToList();
            entries.Add(new FeedEntry(month, baseline, CompletedAt(month), slower.Count, faster.Count,
                slower.Take(TopStretches).ToList(), faster.Take(TopStretches).ToList()));
        }
        return entries;
    }

    /// <summary>
    /// The feed's own updated: its newest entry's; without entries, when the newest complete month was complete
    /// (nothing changed in scope up to then), or the Unix epoch when no month is complete yet.
    /// </summary>
    public static DateTimeOffset Updated(DataCatalog catalog, IReadOnlyList<FeedEntry> entries) =>
        entries.Count > 0 ? entries[0].Updated
        : catalog.CompleteMonths.Count > 0 ? CompletedAt(catalog.CompleteMonths.Max())
        : DateTimeOffset.UnixEpoch;

    public static DateTimeOffset CompletedAt(DateOnly month) => Clock.StartOf(month.AddMonths(1));
}
