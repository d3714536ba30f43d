using System.Net;
using System.Text.Json;

namespace Kollektivkart.Ops.Tests.Serving;

/// <summary>
/// Old data is the uptime monitor's business (/status), not the proxy's (/ready): a stale pond must
/// never take the replicas out of rotation, or the site would vanish when the nightly job fails.
/// </summary>
[Collection(OpsPondCollection.Name)]
public sealed class StaleDataTests(OpsPond pond)
{
    [Fact]
    public async Task Stale_data_fails_status_while_both_replicas_stay_ready_and_caddy_keeps_serving()
    {
        await using var site = await ProxiedSite.Start(pond.Path);
        using var http = new HttpClient { BaseAddress = site.Proxy };

        using (var status = await http.GetAsync("/status?format=json"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
            using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.GetProperty("stale").GetBoolean());
            Assert.Equal(OpsPond.NewestDay, json.RootElement.GetProperty("data_date").GetString());
        }

        // Several health checks later, both replicas are still ready and Caddy still routes to each.
        await Task.Delay(TimeSpan.FromSeconds(3 * ProxiedSite.HealthIntervalSeconds));
        foreach (var port in site.ReplicaPorts)
        {
            await site.SeenThroughProxy(await site.ReadyInstance(port, TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(30));
        }
        foreach (var page in new[] { "/2025/1/8/hot-spots", "/api/hot-spots/2025/1/8", "/about" })
        {
            using var response = await http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_same_pond_within_the_threshold_is_fresh()
    {
        await using var site = await ProxiedSite.Start(pond.Path, new Dictionary<string, string> { ["STALE_AFTER_DAYS"] = "3650" });
        using var http = new HttpClient { BaseAddress = site.Proxy };

        using var status = await http.GetAsync("/status?format=json");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("stale").GetBoolean());
    }
}
