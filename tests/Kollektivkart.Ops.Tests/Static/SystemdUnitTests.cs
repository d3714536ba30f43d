using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>The rendered units: valid for systemd 252, ordered stop timeouts, the job's limits, and quadlet twins that agree.</summary>
public sealed class SystemdUnitTests(Rendered rendered) : IClassFixture<Rendered>
{
    private const string WebService = "systemd/kollektivkart-web@.service";
    private const string EtlService = "systemd/kollektivkart-etl.service";
    private const string Timer = "systemd/kollektivkart-etl.timer";
    private const string WebQuadlet = "quadlet/kollektivkart-web@.container";
    private const string EtlQuadlet = "quadlet/kollektivkart-etl.container";

    [Fact]
    public async Task Plain_units_verify_without_a_single_warning()
    {
        var analyze = Tool.Require("systemd-analyze", "systemd");
        Assert.True(File.Exists(Rollout.Script), $"{Rollout.Script} is missing: the job's unit runs it after a successful run");
        using var folder = new TempFolder();
        // The units run in the app user's systemd and name %h/bin/rolling-restart: verify them as user
        // units, with a home holding the real script there. Nothing in the units is changed for the test.
        var home = folder.Sub("home");
        Directory.CreateDirectory(Path.Combine(home, "bin"));
        File.CreateSymbolicLink(Path.Combine(home, "bin", "rolling-restart"), Rollout.Script);
        var runtime = folder.Sub("runtime");
        Directory.CreateDirectory(runtime);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var units = Directory.GetFiles(rendered.File("systemd")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["kollektivkart-etl.service", "kollektivkart-etl.timer", "kollektivkart-web@.service"], units.Select(u => Path.GetFileName(u)).ToArray());

        var result = await Tool.Run(analyze, ["--user", "verify", .. units],
            environment: new Dictionary<string, string> { ["HOME"] = home, ["XDG_RUNTIME_DIR"] = runtime, ["SYSTEMD_COLORS"] = "0" });

        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0,
            $"systemd-analyze verify (exit {result.ExitCode}) must pass silently:\n{result.Output}");
    }

    [Fact]
    public async Task Timer_fires_at_four_in_the_night_with_a_random_delay_and_catches_up_after_downtime()
    {
        var analyze = Tool.Require("systemd-analyze", "systemd");
        var timer = rendered.Unit(Timer);
        var calendar = timer.One("Timer", "OnCalendar");

        var result = await Tool.Run(analyze, ["calendar", "--iterations=2", calendar],
            environment: new Dictionary<string, string> { ["SYSTEMD_COLORS"] = "0" });

        Assert.True(result.ExitCode == 0, $"systemd-analyze calendar '{calendar}':\n{result.Output}");
        Assert.Contains("Normalized form: *-*-* 04:00:00 Europe/Oslo", result.Output);
        Assert.Contains("Iter. #2:", result.Output);
        Assert.True(ParseSeconds(timer.One("Timer", "RandomizedDelaySec")) > 0);
        Assert.Equal("true", timer.One("Timer", "Persistent"));
        Assert.Equal("timers.target", timer.One("Install", "WantedBy"));
        // The timer starts the unit of its own name, which each flavour provides.
        Assert.Empty(timer.All("Timer", "Unit"));
        Assert.True(File.Exists(rendered.File(EtlService)) && File.Exists(rendered.File(EtlQuadlet)));
    }

    [Fact]
    public void Web_template_is_enabled_per_instance_without_a_starter_unit()
    {
        foreach (var unit in new[] { rendered.Unit(WebService), rendered.Unit(WebQuadlet) })
        {
            Assert.Equal("default.target", unit.One("Install", "WantedBy"));
            Assert.Empty(unit.All("Install", "DefaultInstance"));
        }
        Assert.Contains("--publish=127.0.0.1:%i:8080", Podman.Run(rendered.Unit(WebService)).Options.Select(o => o.ToString()));
        Assert.Equal("127.0.0.1:%i:8080", rendered.Unit(WebQuadlet).One("Container", "PublishPort"));
        // Quadlet (podman 5) enables template instances through links named after them.
        foreach (var port in new[] { 8000, 8001 })
        {
            var link = new FileInfo(rendered.File($"quadlet/kollektivkart-web@{port}.container"));
            Assert.Equal("kollektivkart-web@.container", link.LinkTarget);
        }
        Assert.DoesNotContain(Directory.GetFiles(rendered.Root, "*", SearchOption.AllDirectories), f => f.Contains("starter"));
    }

    [Fact]
    public void Stop_timeouts_let_the_drain_finish_before_anything_is_killed() =>
        AssertStopOrdering(rendered.Root);

    [Fact]
    public async Task Stop_timeouts_stay_ordered_when_the_drain_changes()
    {
        using var folder = new TempFolder();
        var root = await Rendered.With(folder, new Dictionary<string, object> { ["kollektivkart_drain_seconds"] = 75 });
        AssertStopOrdering(root);
        Assert.Equal("75", ReadEnvironment(root, "env/kollektivkart.env")["DRAIN_SECONDS"]);
    }

    [Fact]
    public async Task Feeds_link_to_the_public_address_caddy_serves()
    {
        Assert.Equal("https://kollektivkart.example.org", ReadEnvironment(rendered.Root, "env/kollektivkart.env")["PUBLIC_BASE_URL"]);
        using var folder = new TempFolder();
        var root = await Rendered.With(folder, new Dictionary<string, object> { ["kollektivkart_site_address"] = "http://127.0.0.1:8080" });
        Assert.Equal("http://127.0.0.1:8080", ReadEnvironment(root, "env/kollektivkart.env")["PUBLIC_BASE_URL"]);
    }

    [Fact]
    public void Job_is_told_the_limits_it_runs_under() => AssertEtlLimits(rendered.Root, memoryGb: 4, cpus: 2);

    [Fact]
    public async Task Job_limits_follow_the_variables()
    {
        using var folder = new TempFolder();
        var root = await Rendered.With(folder, new Dictionary<string, object>
        {
            ["kollektivkart_etl_memory_gb"] = 10,
            ["kollektivkart_etl_cpus"] = 3,
        });
        AssertEtlLimits(root, memoryGb: 10, cpus: 3);
    }

    [Fact]
    public void Job_restarts_the_replicas_only_after_it_succeeded()
    {
        foreach (var unit in new[] { rendered.Unit(EtlService), rendered.Unit(EtlQuadlet) })
        {
            // systemd.service(5): for Type=oneshot, ExecStartPost= runs only after the last ExecStart= exited successfully.
            Assert.Equal("oneshot", unit.One("Service", "Type"));
            var post = UnitFile.Words(unit.One("Service", "ExecStartPost"));
            Assert.Equal(
                ["%h/bin/rolling-restart", "--ports", "8000,8001",
                 "--restart", "systemctl --user restart kollektivkart-web@{port}.service",
                 "--via", "https://kollektivkart.example.org/ready",
                 "--resolve", "kollektivkart.example.org:443:127.0.0.1",
                 "--timeout", "300"],
                post);
            // A hung run must end before the next night's timer.
            Assert.InRange(ParseSeconds(unit.One("Service", "TimeoutStartSec")), 3600, 20 * 3600);
            Assert.Empty(unit.All("Install", "WantedBy"));
        }
        var usage = File.ReadAllText(Rollout.Script);
        foreach (var option in new[] { "--ports", "--restart", "--via", "--resolve", "--timeout", "{port}" })
        {
            Assert.Contains(option, usage);
        }
    }

    [Fact]
    public void Rolling_restart_reaches_a_site_given_as_a_url()
    {
        var post = UnitFile.Words(rendered.Unit(EtlService).One("Service", "ExecStartPost"));
        Assert.Equal("https://kollektivkart.example.org/ready", post[post.ToList().IndexOf("--via") + 1]);
    }

    [Fact]
    public async Task Rolling_restart_follows_a_site_address_with_scheme_and_port()
    {
        using var folder = new TempFolder();
        var root = await Rendered.With(folder, new Dictionary<string, object>
        {
            ["kollektivkart_site_address"] = "http://127.0.0.1:8080",
            ["kollektivkart_web_ports"] = new[] { 9100, 9101, 9102 },
        });
        var post = UnitFile.Words(UnitFile.Read(Path.Combine(root, EtlService)).One("Service", "ExecStartPost")).ToList();
        Assert.Equal("9100,9101,9102", post[post.IndexOf("--ports") + 1]);
        Assert.Equal("http://127.0.0.1:8080/ready", post[post.IndexOf("--via") + 1]);
        Assert.Equal("127.0.0.1:8080:127.0.0.1", post[post.IndexOf("--resolve") + 1]);
    }

    [Theory]
    [InlineData(WebService, WebQuadlet)]
    [InlineData(EtlService, EtlQuadlet)]
    public void Quadlet_and_plain_unit_run_the_same_container(string plainFile, string quadletFile)
    {
        var plain = rendered.Unit(plainFile);
        var quadlet = rendered.Unit(quadletFile);
        var run = Podman.Run(plain);
        var fromQuadlet = Podman.FromQuadlet(quadlet);

        Assert.Equal(fromQuadlet.Image, run.Image);
        Assert.Equal(fromQuadlet.Command, run.Command);
        // What quadlet adds by itself, the plain unit must add too (podman-systemd.unit(5)).
        var own = run.Options.Where(o => Podman.QuadletAdds.Contains(o.Name)).Select(o => o.Name).ToHashSet();
        var expectedOwn = plain.One("Service", "Type") == "oneshot"
            ? new[] { "--cidfile", "--replace", "--rm", "--cgroups" }
            : ["--cidfile", "--replace", "--rm", "--cgroups", "--sdnotify", "-d"];
        Assert.Equal(expectedOwn.Order(), own.Order());
        Assert.Contains(run.Options, o => o.ToString() == "--cgroups=split");
        Assert.Equal("yes", plain.One("Service", "Delegate"));
        Assert.Equal(
            fromQuadlet.Options.Select(o => o.ToString()).Order(StringComparer.Ordinal),
            run.Options.Where(o => !Podman.QuadletAdds.Contains(o.Name)).Select(o => o.ToString()).Order(StringComparer.Ordinal));

        foreach (var (key, value) in quadlet.Section("Service"))
        {
            Assert.Equal(quadlet.All("Service", key), plain.All("Service", key));
            Assert.False(string.IsNullOrEmpty(value));
        }
        Assert.Equal(quadlet.Section("Install"), plain.Section("Install"));
        Assert.Equal(quadlet.One("Unit", "Description"), plain.One("Unit", "Description"));
    }

    private static void AssertStopOrdering(string root)
    {
        var drain = int.Parse(ReadEnvironment(root, "env/kollektivkart.env")["DRAIN_SECONDS"], CultureInfo.InvariantCulture);
        // The app's own shutdown timeout (Kollektivkart.Web/Program.cs): DRAIN_SECONDS + 15.
        var appShutdown = drain + 15;
        var site = File.ReadAllText(Path.Combine(root, "caddy/sites/kollektivkart.caddy"));
        var interval = int.Parse(Regex.Match(site, @"health_interval (\d+)s").Groups[1].Value, CultureInfo.InvariantCulture);
        var timeout = int.Parse(Regex.Match(site, @"health_timeout (\d+)s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(drain > interval + timeout, $"drain {drain}s must outlast Caddy's health interval {interval}s + timeout {timeout}s");

        foreach (var (plainFile, quadletFile) in new[] { (WebService, WebQuadlet), (EtlService, EtlQuadlet) })
        {
            var plain = UnitFile.Read(Path.Combine(root, plainFile));
            var quadlet = UnitFile.Read(Path.Combine(root, quadletFile));
            var podmanStop = int.Parse(Podman.Run(plain).Value("--stop-timeout"), CultureInfo.InvariantCulture);
            Assert.Equal(podmanStop, int.Parse(quadlet.One("Container", "StopTimeout"), CultureInfo.InvariantCulture));
            var systemdStop = ParseSeconds(plain.One("Service", "TimeoutStopSec"));
            Assert.Equal(systemdStop, ParseSeconds(quadlet.One("Service", "TimeoutStopSec")));
            Assert.True(drain < appShutdown && appShutdown < podmanStop && podmanStop < systemdStop,
                $"{plainFile}: drain {drain}s < app shutdown {appShutdown}s < podman stop {podmanStop}s < systemd stop {systemdStop}s");
        }
        // The web unit's ExecStop gives the container the same time as its own stop timeout.
        var web = UnitFile.Read(Path.Combine(root, WebService));
        var stop = UnitFile.Words(web.One("Service", "ExecStop"));
        Assert.Contains($"--time={Podman.Run(web).Value("--stop-timeout")}", stop);
    }

    private static void AssertEtlLimits(string root, int memoryGb, int cpus)
    {
        foreach (var (plainFile, quadletFile) in new[] { (EtlService, EtlQuadlet) })
        {
            var plain = UnitFile.Read(Path.Combine(root, plainFile));
            var quadlet = UnitFile.Read(Path.Combine(root, quadletFile));
            var run = Podman.Run(plain);
            var command = run.Command.ToList();
            var maxCpus = double.Parse(command[command.IndexOf("--max-cpus") + 1], CultureInfo.InvariantCulture);
            var duckDbGb = double.Parse(command[command.IndexOf("--memory-limit-gb") + 1], CultureInfo.InvariantCulture);

            foreach (var unit in new[] { plain, quadlet })
            {
                Assert.Equal($"{memoryGb}G", unit.One("Service", "MemoryMax"));
                Assert.Equal($"{cpus * 100}%", unit.One("Service", "CPUQuota"));
            }
            Assert.Equal($"{memoryGb}g", run.Value("--memory"));
            Assert.Equal(cpus.ToString(CultureInfo.InvariantCulture), run.Value("--cpus"));
            Assert.Equal(cpus, maxCpus);
            // DuckDB's limit covers its buffers only: it must leave the process headroom below the cgroup's.
            Assert.True(duckDbGb > 0 && duckDbGb <= memoryGb * 0.8, $"--memory-limit-gb {duckDbGb} must be at most 80 % of MemoryMax {memoryGb}G");
            Assert.True(duckDbGb >= memoryGb * 0.5, $"--memory-limit-gb {duckDbGb} wastes most of MemoryMax {memoryGb}G");
        }
    }

    private static IReadOnlyDictionary<string, string> ReadEnvironment(string root, string relative) =>
        File.ReadAllLines(Path.Combine(root, relative))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    /// <summary>systemd time spans as the units write them: 55, 55s, 30min, 6h.</summary>
    private static int ParseSeconds(string span)
    {
        var match = Regex.Match(span, @"^(\d+)\s*(s|sec|min|m|h)?$");
        Assert.True(match.Success, $"unexpected time span '{span}'");
        var value = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "min" or "m" => value * 60,
            "h" => value * 3600,
            _ => value,
        };
    }
}
