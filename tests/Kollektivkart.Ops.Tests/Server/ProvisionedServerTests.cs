using System.Globalization;
using System.Net;
using Kollektivkart.Ops.Tests.Serving;
using Xunit.Abstractions;

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>
/// ops/ as an operator uses it, end to end on a fresh Debian 12: the image built from the real
/// Containerfile, site.yml applied twice, the replicas under the app user's systemd behind Caddy,
/// the nightly job's rolling restart, a crash, a release and a rollback, each under load.
/// Every test starts from both replicas ready, whatever order they run in.
/// </summary>
[Collection(ProvisionedServerCollection.Name)]
public sealed class ProvisionedServerTests(ProvisionedServer server, ITestOutputHelper output)
{
    [Fact]
    public void The_second_run_of_the_playbook_changes_nothing()
    {
        output.WriteLine($"first run:  {server.FirstRun}\nsecond run: {server.SecondRun}");

        Assert.True(server.FirstRun.Changed > 0, server.FirstRun.ToString());
        Assert.True(server.SecondRun.Changed == 0,
            $"{server.SecondRun}\n{Playbook.ChangedTasks(server.SecondRunOutput)}");
    }

    [Fact]
    public async Task Caddy_serves_the_site_from_replicas_under_the_app_users_systemd_and_the_nightly_timer_is_set()
    {
        await server.AllReady();
        using var http = new HttpClient { BaseAddress = server.Site, Timeout = TimeSpan.FromSeconds(30) };

        using (var ready = await http.GetAsync("/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        using (var page = await http.GetAsync("/2025/1/8/hot-spots"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        // Lingering started the app user's own systemd; the replicas are its units, enabled at boot.
        Assert.Equal("yes", (await server.Server.ExecOk("loginctl", "show-user", ProvisionedServer.User, "--property=Linger", "--value")).Trim());
        foreach (var port in ProvisionedServer.Ports)
        {
            var unit = $"kollektivkart-web@{port}.service";
            Assert.Equal("active", (await server.AsApp("systemctl", "--user", "is-active", unit)).Trim());
            Assert.Equal("enabled", (await server.AsApp("systemctl", "--user", "is-enabled", unit)).Trim());
            // The image's non-root user, and its HEALTHCHECK healthy.
            Assert.Equal("1654", (await server.AsApp("podman", "exec", $"kollektivkart-web-{port}", "id", "-u")).Trim());
            await server.Eventually(async () =>
                (await server.AsApp("podman", "inspect", "--format", "{{.State.Health.Status}}", $"kollektivkart-web-{port}")).Trim() == "healthy" ? "" : null,
                TimeSpan.FromMinutes(2), $"the HEALTHCHECK of the replica on {port}");
        }
        var timers = await server.AsApp("systemctl", "--user", "list-timers", "--all", "--no-pager");
        output.WriteLine(timers);
        Assert.Contains("kollektivkart-etl.timer", timers, StringComparison.Ordinal);
        Assert.Contains("kollektivkart-etl.service", timers, StringComparison.Ordinal);
        Assert.Equal("enabled", (await server.AsApp("systemctl", "--user", "is-enabled", "kollektivkart-etl.timer")).Trim());
    }

    [Fact]
    public async Task The_nightly_job_started_by_hand_runs_and_its_rolling_restart_replaces_both_replicas_without_a_failed_request()
    {
        var before = await server.AllReady();

        await using var load = Load.Start(server.Site, ZeroDowntimeTests.Requests, cap: 1_000_000, limit: TimeSpan.FromMinutes(15));
        var job = await server.Server.AsUser(ProvisionedServer.User, "systemctl", "--user", "start", "kollektivkart-etl.service");
        Assert.True(load.Running, "the load stopped before the job was done");
        var report = await load.Stop();
        var journal = (await server.Server.Exec("journalctl", "--no-pager", "-o", "cat", "-t", "kollektivkart-etl", "-n", "40")).Output;
        output.WriteLine(journal);
        server.Report($"server: nightly job + rolling restart: {report}");

        Assert.True(job.ExitCode == 0, $"kollektivkart-etl.service failed:\n{job.Output}\n{journal}");
        Assert.Contains("Run complete", journal.Replace("Nothing new", "Run complete", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("rolling-restart: restarted 2 replicas", journal, StringComparison.Ordinal);
        var after = await server.AllReady();
        Assert.All(ProvisionedServer.Ports, port => Assert.NotEqual(before[port], after[port]));
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join('\n', report.Failures.Take(20))}");
        Assert.True(report.Sent >= 100, report.ToString());
    }

    [Fact]
    public async Task A_killed_replica_is_restarted_by_systemd()
    {
        var before = await server.AllReady();
        var port = ProvisionedServer.Ports[0];
        var unit = $"kollektivkart-web@{port}.service";
        var restarts = int.Parse((await server.AsApp("systemctl", "--user", "show", unit, "--property=NRestarts", "--value")).Trim(), CultureInfo.InvariantCulture);
        var pid = (await server.AsApp("podman", "inspect", "--format", "{{.State.Pid}}", $"kollektivkart-web-{port}")).Trim();

        // The site's own process, as a crash would end it: no drain, no stop command.
        await server.Server.ExecOk("kill", "-KILL", pid);

        var after = await server.AllReady();
        Assert.NotEqual(before[port], after[port]);
        var now = int.Parse((await server.AsApp("systemctl", "--user", "show", unit, "--property=NRestarts", "--value")).Trim(), CultureInfo.InvariantCulture);
        Assert.True(now == restarts + 1, $"NRestarts {restarts} -> {now}\n{await server.Journal()}");
    }

    [Fact]
    public async Task A_release_and_the_rollback_to_the_previous_tag_swap_the_image_on_both_replicas_without_a_failed_request()
    {
        await server.AllReady();
        var (current, next) = (await ImageBuild.Id(ProvisionedServer.Current), await ImageBuild.Id(ProvisionedServer.Next));
        Assert.NotEqual(current, next);
        foreach (var port in ProvisionedServer.Ports)
        {
            Assert.Equal(current, await server.ReplicaImage(port));
        }

        if (Soak.Rounds > 0)
        {
            await Soaked(current, next);
            return;
        }
        var release = await SwitchUnderLoad(ProvisionedServer.Next, $"release {ProvisionedServer.Next}");
        foreach (var port in ProvisionedServer.Ports)
        {
            Assert.Equal(next, await server.ReplicaImage(port));
        }
        var rollback = await SwitchUnderLoad(ProvisionedServer.Current, $"rollback to {ProvisionedServer.Current}");

        await server.AllReady();
        foreach (var port in ProvisionedServer.Ports)
        {
            Assert.Equal(current, await server.ReplicaImage(port));
        }
        foreach (var report in new[] { release, rollback })
        {
            Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join('\n', report.Failures.Take(20))}");
            Assert.True(report.Sent >= 100, report.ToString());
        }
    }

    /// <summary>
    /// site.yml onto <paramref name="tag"/>, under load from its first handler (the replicas' units changed, the rolling
    /// restart onto the new image follows) to its end: the switch as a visitor sees it. The copy and load of the image
    /// before it touch no running replica; the bench's ops-soak runs the load through whole playbook runs.
    /// </summary>
    private async Task<LoadReport> SwitchUnderLoad(string tag, string what)
    {
        var load = new Lazy<Load>(() => Load.Start(server.Site, ZeroDowntimeTests.Requests, cap: 1_000_000, limit: TimeSpan.FromMinutes(15)));
        var rolled = false;
        try
        {
            var (result, recap) = await server.Apply(tag, line =>
            {
                if (line.StartsWith(Playbook.HandlerStart, StringComparison.Ordinal))
                {
                    _ = load.Value;
                }
                rolled |= line.StartsWith(Playbook.RollStart, StringComparison.Ordinal) && load.IsValueCreated;
            });
            Assert.True(rolled, $"site.yml onto {tag} did not roll the replicas under load:\n{result.Output}");
            Assert.True(load.Value.Running, $"the load stopped before site.yml onto {tag} was done");
            var report = await load.Value.Stop();
            server.Report($"server: {what}, load from the first handler on: {report}");
            output.WriteLine($"{what}: {recap}\nload: {report}");
            return report;
        }
        finally
        {
            if (load.IsValueCreated)
            {
                await load.Value.DisposeAsync();
            }
        }
    }

    /// <summary>The long form (bench ops-soak): one load through <see cref="Soak.Rounds"/> whole releases and rollbacks.</summary>
    private async Task Soaked(string current, string next)
    {
        await using var load = Load.Start(
            server.Site, ZeroDowntimeTests.Requests, cap: int.MaxValue, limit: TimeSpan.FromMinutes(30 * Soak.Rounds), pause: TimeSpan.FromMilliseconds(10));
        for (var round = 1; round <= Soak.Rounds; round++)
        {
            await server.Apply(ProvisionedServer.Next);
            foreach (var port in ProvisionedServer.Ports)
            {
                Assert.Equal(next, await server.ReplicaImage(port));
            }
            await server.Apply(ProvisionedServer.Current);
            foreach (var port in ProvisionedServer.Ports)
            {
                Assert.Equal(current, await server.ReplicaImage(port));
            }
        }
        Assert.True(load.Running, "the load stopped before the last rollback was done");
        var report = await load.Stop();
        server.Report($"{Soak.ReportPrefix}{Soak.Rounds} x release {ProvisionedServer.Next} and rollback to {ProvisionedServer.Current}: {report}");
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join('\n', report.Failures.Take(20))}");
    }
}
