using Kollektivkart.Data.Site;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>Swapping stats.db: a request keeps the database it started with, and a replaced one is released after its last request.</summary>
[Collection(SiteCollection.Name)]
public sealed class StatsDbProviderTests(SiteData data)
{
    [Fact]
    public async Task A_replaced_database_is_released_only_when_the_last_request_on_it_ends()
    {
        var path = Path.Combine(data.DemoPond, "stats.db");
        var (first, second, third) = (StatsDatabase.Open(path), StatsDatabase.Open(path), StatsDatabase.Open(path));
        var released = new List<string>();
        var provider = new StatsDbProvider();
        provider.Loaded(first, () => released.Add("first"));

        var pinned = provider.Pin();
        provider.Loaded(second, () => released.Add("second"));

        Assert.Same(first, provider.Current);
        Assert.Same(second, await NewRequest(provider));
        Assert.Empty(released);

        pinned!.Dispose();
        pinned.Dispose();
        Assert.Equal(["first"], released);

        // Nobody holds the second one when the third arrives: released at once.
        provider.Loaded(third, () => released.Add("third"));
        Assert.Equal(["first", "second"], released);
    }

    [Fact]
    public void A_replaced_database_is_closed_once_its_last_request_ends_and_generations_count_the_swaps()
    {
        var path = Path.Combine(data.DemoPond, "stats.db");
        using var first = StatsDatabase.Open(path);
        using var second = StatsDatabase.Open(path);
        var provider = new StatsDbProvider();
        Assert.Equal(0, provider.Generation);
        provider.Loaded(first);
        Assert.Equal(1, provider.Generation);

        var pinned = provider.Pin();
        provider.Loaded(second);
        Assert.Equal(2, provider.Generation);
        using (first.Connect())
        {
        }

        pinned!.Dispose();
        Assert.Throws<ObjectDisposedException>(() => first.Connect());
        using (second.Connect())
        {
        }
    }

    /// <summary>What a request arriving now sees: a flow that does not inherit the test's pin.</summary>
    private static Task<StatsDatabase?> NewRequest(StatsDbProvider provider)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() =>
            {
                using var lease = provider.Pin();
                return provider.Current;
            });
        }
    }
}
