using System.Net;
using Kollektivkart.Ops.Tests.Support;
using Xunit.Abstractions;

namespace Kollektivkart.Ops.Tests.Serving;

/// <summary>
/// The claim of ops/: restarting the replicas one at a time behind Caddy, and even killing one, loses
/// no request. A steady load runs through Caddy the whole time; any answer but the expected one fails.
/// </summary>
[Collection(OpsPondCollection.Name)]
public sealed class ZeroDowntimeTests(OpsPond pond, ITestOutputHelper output)
{
    /// <summary>What a visitor, htmx, an API client and the uptime monitor ask for, with the answers they get from a healthy site.</summary>
    public static readonly LoadRequest[] Requests =
    [
        LoadRequest.Get("/", HttpStatusCode.Found),
        LoadRequest.Get("/2025/1/8/hot-spots"),
        LoadRequest.Get("/2025/1/8/hot-spots", HttpStatusCode.OK, ("HX-Request", "true")),
        LoadRequest.Get("/2025/1/17/legs/RUT"),
        LoadRequest.Get("/api/stats"),
        LoadRequest.Get("/api/hot-spots/2025/1/8"),
        // The pond's newest day is long past: the uptime monitor is told so, every time.
        LoadRequest.Get("/status", HttpStatusCode.ServiceUnavailable),
        LoadRequest.Get("/no/such/page", HttpStatusCode.NotFound),
        LoadRequest.Get("/css/site.css"),
        new(HttpMethod.Head, "/api/partitions", HttpStatusCode.OK, []),
        new(HttpMethod.Post, "/2025/1/8/hot-spots", HttpStatusCode.MethodNotAllowed, []),
    ];

    [Fact]
    public async Task Two_rolling_restarts_and_a_hard_kill_lose_no_request()
    {
        await using var site = await ProxiedSite.Start(pond.Path);
        var first = new List<string>();
        foreach (var port in site.ReplicaPorts)
        {
            first.Add(await site.ReadyInstance(port, TimeSpan.FromSeconds(30)));
        }

        await using var load = Load.Start(site.Proxy, Requests);
        for (var round = 1; round <= 2; round++)
        {
            var restart = await site.RollingRestart();
            output.WriteLine($"rolling restart {round}:\n{restart.Output}");
            Assert.True(restart.ExitCode == 0, $"rolling restart {round} failed:\n{restart.Output}\n{site.Logs()}");
        }
        var restarted = new List<string>();
        foreach (var port in site.ReplicaPorts)
        {
            restarted.Add(await site.ReadyInstance(port, TimeSpan.FromSeconds(30)));
        }
        Assert.All(restarted, instance => Assert.DoesNotContain(instance, first));

        // A crash: no drain, connections cut. Caddy retries elsewhere until its checks take the replica out.
        var victim = site.ReplicaPorts[0];
        await site.Replica("kill", victim);
        await Task.Delay(TimeSpan.FromSeconds(3 * ProxiedSite.HealthIntervalSeconds));
        await site.Replica("start", victim);
        await site.SeenThroughProxy(await site.ReadyInstance(victim, TimeSpan.FromSeconds(90)), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var report = await load.Stop();
        Report(report);
        Assert.True(report.Failures.Count == 0,
            $"{report}\n{string.Join('\n', report.Failures.Take(20))}\n{site.Logs()}");
        // The load really ran through all of it, not just a moment of it.
        Assert.True(report.Sent >= 500, report.ToString());
    }

    private void Report(LoadReport report)
    {
        var line = $"zero-downtime: {report}";
        output.WriteLine(line);
        OpsReport.Append(line);
    }
}
