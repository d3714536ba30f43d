using System.Net;
using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Serving;

/// <summary>ops/rolling-restart never takes the site down: it stops at the first replica that does not come back.</summary>
[Collection(OpsPondCollection.Name)]
public sealed class RollingRestartTests(OpsPond pond)
{
    [Fact]
    public async Task A_replica_that_does_not_come_back_stops_the_restart_and_the_other_keeps_serving()
    {
        await using var site = await ProxiedSite.Start(pond.Path);
        var (failing, other) = (site.ReplicaPorts[0], site.ReplicaPorts[1]);
        var untouched = await site.ReadyInstance(other, TimeSpan.FromSeconds(30));

        await using var load = Load.Start(site.Proxy, ZeroDowntimeTests.Requests);
        // "stop" drains and stops the replica but never starts it again, like a release that fails to boot.
        var result = await site.RollingRestart(restartAction: "stop", timeoutSeconds: 5);
        var report = await load.Stop();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"port {failing} was not ready within 5 s", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"restarting the replica on port {other}", result.Output, StringComparison.Ordinal);
        Assert.Equal(untouched, await site.ReadyInstance(other, TimeSpan.FromSeconds(30)));
        await site.SeenThroughProxy(untouched, TimeSpan.FromSeconds(30));
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join('\n', report.Failures.Take(20))}");
    }

    [Fact]
    public async Task It_refuses_to_restart_the_last_ready_replica()
    {
        await using var site = await ProxiedSite.Start(pond.Path);
        var (down, last) = (site.ReplicaPorts[1], site.ReplicaPorts[0]);
        var instance = await site.ReadyInstance(last, TimeSpan.FromSeconds(30));
        await site.Replica("stop", down);

        var result = await site.RollingRestart();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"not restarting {last}: no other replica is ready", result.Output, StringComparison.Ordinal);
        Assert.Equal(instance, await site.ReadyInstance(last, TimeSpan.FromSeconds(30)));
        using var http = new HttpClient { BaseAddress = site.Proxy };
        using var page = await http.GetAsync("/2025/1/8/hot-spots");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("--restart|true {port}", "--ports is required")]
    [InlineData("--ports|8000,8001", "--restart is required")]
    [InlineData("--ports|8000|--restart|systemctl restart web", "--restart must contain {port}")]
    [InlineData("--ports|8000,http|--restart|true {port}", "not a port: 'http'")]
    [InlineData("--ports|8000|--restart|true {port}|--timeout|soon", "--timeout must be a whole number of seconds")]
    [InlineData("--ports|8000|--restart|true {port}|--drain", "unknown argument: --drain")]
    [InlineData("--ports", "--ports needs a value")]
    public async Task Bad_arguments_exit_2_with_the_reason_and_usage_and_restart_nothing(string arguments, string reason)
    {
        var result = await Tool.Run(ProxiedSite.RollingRestartScript, arguments.Split('|'));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.Contains("usage: rolling-restart", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("restarting the replica", result.Output, StringComparison.Ordinal);
    }
}
