using System.Globalization;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Serving;

/// <summary>
/// Production's serving setup on 127.0.0.1: two replicas of the built site on free ports, and real
/// Caddy in front of them running the Caddyfile Ansible renders from ops/caddy (only ports, paths and
/// the health interval overridden). The <c>replica</c> script stands in for systemd.
/// </summary>
public sealed class ProxiedSite : IAsyncDisposable
{
    public const int HealthIntervalSeconds = 1;
    public const int HealthTimeoutSeconds = 1;
    // Longer than Caddy's health interval plus timeout, as the defaults are.
    public const int DrainSeconds = 4;

    private readonly TempFolder _folder = new();
    private Tool.RunningProcess? _caddy;

    private ProxiedSite(string pond, IReadOnlyDictionary<string, string> siteSettings)
    {
        var ports = FreePorts.Take(4);
        ReplicaPorts = [ports[0], ports[1]];
        Proxy = new Uri($"http://127.0.0.1:{ports[2]}/");
        AdminPort = ports[3];
        Environment = new Dictionary<string, string>(siteSettings)
        {
            ["REPLICA_DIR"] = _folder.Sub("replicas"),
            ["REPLICA_DLL"] = BuildOutput.Of("Kollektivkart.Web", "Kollektivkart.Web.dll"),
            ["PARQUET_LOCATION"] = pond,
            ["DRAIN_SECONDS"] = DrainSeconds.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "",
            // Readiness does not wait for the warm-up, and no test here looks at the cache: each replica start would render
            // its 180 addresses for nothing. The provisioned server's replicas warm up, as production's do.
            ["Serving__WarmUp"] = "false",
        };
        Directory.CreateDirectory(Environment["REPLICA_DIR"]);
    }

    public int[] ReplicaPorts { get; }

    public Uri Proxy { get; }

    public int AdminPort { get; }

    /// <summary>The replicas' environment, also handed to ops/rolling-restart so its restart command can start them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string Rendered => _folder.Sub("rendered");

    public static string ReplicaScript => Path.Combine(BuildOutput.RepositoryRoot, "tests", "Kollektivkart.Ops.Tests", "Serving", "replica");

    public static string RollingRestartScript => Path.Combine(OpsFiles.Root, "rolling-restart");

    public static async Task<ProxiedSite> Start(string pond, IReadOnlyDictionary<string, string>? siteSettings = null)
    {
        var site = new ProxiedSite(pond, siteSettings ?? new Dictionary<string, string>());
        try
        {
            await site.Render();
            foreach (var port in site.ReplicaPorts)
            {
                await site.Replica("start", port);
            }
            site.StartCaddy();
            foreach (var port in site.ReplicaPorts)
            {
                await site.SeenThroughProxy(await site.ReadyInstance(port, TimeSpan.FromSeconds(90)), TimeSpan.FromSeconds(30));
            }
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    public async Task<Tool.Result> Replica(string action, int port)
    {
        var result = await Tool.Run(ReplicaScript, [action, port.ToString(CultureInfo.InvariantCulture)], environment: Environment,
            timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"replica {action} {port} failed:\n{result.Output}\n{Logs()}");
        return result;
    }

    /// <summary>ops/rolling-restart over both replicas, restarting them with the stand-in for systemctl.</summary>
    public Task<Tool.Result> RollingRestart(string restartAction = "restart", int timeoutSeconds = 90) =>
        Tool.Run(RollingRestartScript,
        [
            "--ports", string.Join(',', ReplicaPorts),
            "--restart", $"{ReplicaScript} {restartAction} {{port}}",
            "--via", new Uri(Proxy, "ready").ToString(),
            "--timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ], environment: Environment, timeout: TimeSpan.FromMinutes(5));

    /// <summary>The instance answering 200 on the replica's own /ready, waiting for it; fails after <paramref name="timeout"/>.</summary>
    public async Task<string> ReadyInstance(int port, TimeSpan timeout)
    {
        var url = new Uri($"http://127.0.0.1:{port}/ready");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Instance(url) is { } instance)
            {
                return instance;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the replica on {port} was not ready within {timeout.TotalSeconds} s\n{Logs()}");
        return "";
    }

    /// <summary>Waits until /ready through Caddy is answered by <paramref name="instance"/>: Caddy routes to it.</summary>
    public async Task SeenThroughProxy(string instance, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Instance(new Uri(Proxy, "ready")) == instance)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Caddy did not route to instance {instance} within {timeout.TotalSeconds} s\n{Logs()}");
    }

    /// <summary>The Kollektivkart-Instance of a 200 from <paramref name="ready"/>; null for anything else.</summary>
    public static async Task<string?> Instance(Uri ready)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(ready);
            return response.IsSuccessStatusCode && response.Headers.TryGetValues("Kollektivkart-Instance", out var values)
                ? values.Single()
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public string Logs()
    {
        var replicas = ReplicaPorts.Select(port =>
        {
            var log = Path.Combine(Environment["REPLICA_DIR"], $"{port}.log");
            return $"--- replica {port}\n" + (File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "(no log)");
        });
        var caddy = (_caddy?.Output ?? "").Split('\n').TakeLast(40);
        return string.Join('\n', replicas) + "\n--- caddy\n" + string.Join('\n', caddy);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var port in ReplicaPorts)
        {
            await Tool.Run(ReplicaScript, ["kill", port.ToString(CultureInfo.InvariantCulture)], environment: Environment);
        }
        if (_caddy is not null)
        {
            await _caddy.DisposeAsync();
        }
        _folder.Dispose();
    }

    private Task Render() => OpsFiles.Render(Rendered, new Dictionary<string, object>
    {
        ["kollektivkart_web_ports"] = ReplicaPorts,
        ["kollektivkart_site_address"] = Proxy.GetLeftPart(UriPartial.Authority),
        ["kollektivkart_health_interval_seconds"] = HealthIntervalSeconds,
        ["kollektivkart_health_timeout_seconds"] = HealthTimeoutSeconds,
        ["kollektivkart_drain_seconds"] = DrainSeconds,
        ["caddy_admin_address"] = $"127.0.0.1:{AdminPort}",
        ["caddy_log_dir"] = _folder.Sub("caddy-log"),
    });

    private void StartCaddy()
    {
        var caddy = Tool.Require("caddy", "caddy");
        Directory.CreateDirectory(_folder.Sub("caddy-log"));
        // Caddy keeps its state under these; never the machine's own.
        _caddy = Tool.Start(caddy, ["run", "--config", Path.Combine(Rendered, "caddy", "Caddyfile"), "--adapter", "caddyfile"],
            environment: new Dictionary<string, string>
            {
                ["XDG_CONFIG_HOME"] = _folder.Sub("caddy-config"),
                ["XDG_DATA_HOME"] = _folder.Sub("caddy-data"),
                ["HOME"] = _folder.Path,
            });
    }
}
