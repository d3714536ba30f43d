using Kollektivkart.Data.Site;

namespace Kollektivkart.Web.Serving;

/// <summary>How old the served data is: the newest operating date against today, stale past the configured age.</summary>
public sealed record Freshness(DateOnly? DataDate, int? AgeDays, bool Stale)
{
    public static Freshness Of(DataCatalog? catalog, DateOnly today, int staleAfterDays)
    {
        if (catalog?.LastDate is not { } date)
        {
            return new Freshness(null, null, Stale: true);
        }
        var age = today.DayNumber - date.DayNumber;
        return new Freshness(date, age, age > staleAfterDays);
    }
}
