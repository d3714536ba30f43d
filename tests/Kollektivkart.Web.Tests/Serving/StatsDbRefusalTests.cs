using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// A bad stats.db in a pond folder (not DuckDB, truncated, a table missing, another schema version) never replaces the
/// served one: it is refused with a warning naming the file and what is wrong, and /status says so; at start the site
/// stays unready saying why. A good one published later is loaded.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class StatsDbRefusalTests(SiteData data) : IDisposable
{
    private const int RefreshSeconds = 60;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(RefreshSeconds);

    private readonly TempFolder _folder = new();

    private string Pond => _folder.Sub("pond");

    private string StatsDb => Path.Combine(Pond, PondLayout.StatsDb);

    [Theory]
    [InlineData(StatsDbDamage.NotDuckDb)]
    [InlineData(StatsDbDamage.Truncated)]
    [InlineData(StatsDbDamage.TableMissing)]
    [InlineData(StatsDbDamage.OtherSchemaVersion)]
    public async Task A_site_started_on_a_bad_stats_db_stays_unready_says_why_and_loads_a_good_one_later(StatsDbDamage damage)
    {
        var problem = Publish(damage);
        await using var site = StartSite();

        var ready = await site.WaitUntilLoadFailed(problem);
        Assert.Contains($"{StatsDb} refused", ready, StringComparison.Ordinal);
        using (var status = await site.Get("/status?format=json"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
            var json = await Status(status);
            Assert.Contains(problem, json.Problem, StringComparison.Ordinal);
            Assert.Contains(StatsDb, json.Problem, StringComparison.Ordinal);
        }
        Assert.Contains(problem, await StatusPage(site), StringComparison.Ordinal);
        Assert.Single(site.Log.With(LogLevel.Error, $"Refused {StatsDb}: "), line => line.Contains(problem, StringComparison.Ordinal));

        Publish(Demo);
        await site.AdvanceUntil(Interval, async () => (await site.Get("/ready")).StatusCode == HttpStatusCode.OK);
        var served = await Status(await site.Get("/status?format=json"));
        Assert.Equal(("2025-02-05", (string?)null), (served.DataDate, served.Problem));
    }

    [Theory]
    [InlineData(StatsDbDamage.NotDuckDb)]
    [InlineData(StatsDbDamage.Truncated)]
    [InlineData(StatsDbDamage.TableMissing)]
    [InlineData(StatsDbDamage.OtherSchemaVersion)]
    public async Task A_bad_stats_db_published_over_the_served_one_is_refused_once_and_the_served_one_kept(StatsDbDamage damage)
    {
        Publish(Demo);
        await using var site = StartSite();
        await site.WaitUntilReady();

        var problem = Publish(damage);
        var refusal = $"Refused {StatsDb}: ";
        await site.AdvanceUntil(Interval, () => Task.FromResult(site.Log.With(LogLevel.Warning, refusal).Count > 0));
        // Later looks find the same refused file: not opened (or downloaded) again, nor logged again.
        for (var look = 0; look < 3; look++)
        {
            site.Clock.Advance(Interval);
            await Task.Delay(200);
        }

        var warning = Assert.Single(site.Log.With(LogLevel.Warning, refusal));
        Assert.Contains(problem, warning, StringComparison.Ordinal);
        Assert.Contains("still serving the stats.db with data up to 2025-02-05", warning, StringComparison.Ordinal);
        foreach (var url in new[] { "/ready", "/api/stats", "/2025/2/15/about", "/2025/2/15/hot-spots" })
        {
            await site.GetOk(url);
        }
        var status = await Status(await site.Get("/status?format=json"));
        Assert.Equal("2025-02-05", status.DataDate);
        Assert.Contains(problem, status.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, await StatusPage(site), StringComparison.Ordinal);

        Publish(Path.Combine(data.HandBuilt.Folder, PondLayout.StatsDb));
        await site.AdvanceUntil(Interval, async () => (await Status(await site.Get("/status?format=json"))).DataDate == "2025-03-03");
        Assert.Null((await Status(await site.Get("/status?format=json"))).Problem);
    }

    public void Dispose() => _folder.Dispose();

    private string Demo => Path.Combine(data.DemoPond, PondLayout.StatsDb);

    private Site StartSite() => Site.Start(Pond, SiteData.DemoToday, new Dictionary<string, string>
    {
        ["Pond:RefreshSeconds"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>As the job publishes: written aside, then moved over the pond's stats.db.</summary>
    private void Publish(string good)
    {
        Directory.CreateDirectory(Pond);
        var aside = StatsDb + ".new";
        File.Copy(good, aside, overwrite: true);
        File.Move(aside, StatsDb, overwrite: true);
    }

    /// <summary>A damaged copy of the demo stats.db, published as the job would; what its refusal says.</summary>
    private string Publish(StatsDbDamage damage)
    {
        Directory.CreateDirectory(Pond);
        var aside = StatsDb + ".new";
        var problem = BadStatsDb.Write(Demo, aside, damage);
        File.Move(aside, StatsDb, overwrite: true);
        return problem;
    }

    private static async Task<StatusJson> Status(HttpResponseMessage response)
    {
        using (response)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            return new StatusJson(root.GetProperty("data_date").GetString(), root.GetProperty("problem").GetString());
        }
    }

    private static async Task<string> StatusPage(Site site)
    {
        using var response = await site.Get("/status", ("Accept", "text/html"));
        return Html.Text(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!);
    }

    private sealed record StatusJson(string? DataDate, string? Problem);
}
