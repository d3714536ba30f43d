using System.Diagnostics;
using System.Globalization;
using Kollektivkart.Ops.Tests.Serving;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Server;

// First (ServerFirst), beside the other collections: most of its minutes are spent waiting on the server,
// and the serving tests beside it assert no timing a busy machine breaks.
[CollectionDefinition(Name)]
public sealed class ProvisionedServerCollection : ICollectionFixture<ProvisionedServer>
{
    public const string Name = "provisioned server";
}

/// <summary>
/// A fresh Debian 12 server (ops/try/server) provisioned by site.yml twice, on an image built from
/// ops/Containerfile here and loaded from its archive, serving a demo pond written by the image's own
/// job. Two tags of the image are built, so a release and a rollback can be told apart.
/// </summary>
public sealed class ProvisionedServer : IAsyncLifetime
{
    public const string User = "kollektivkart";
    public const string Pond = "/cache/demo-pond";
    public const string Current = "ops-test-a";
    public const string Next = "ops-test-b";
    public static readonly int[] Ports = [8000, 8001];

    private readonly TempFolder _folder = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _timeline = [];
    private LocalServer? _server;

    public LocalServer Server => _server ?? throw new InvalidOperationException("the server did not start");

    public Recap FirstRun { get; private set; } = null!;

    public Recap SecondRun { get; private set; } = null!;

    public string SecondRunOutput { get; private set; } = "";

    public Uri Site => new($"http://{Server.Address}/");

    public string Archive(string tag) => _folder.Sub($"{tag}.tar");

    public async Task InitializeAsync()
    {
        // The image builds (CPU) and the server's boot (copying its root, apt-get update) overlap.
        var images = Step("both images built and saved", async () =>
        {
            await Step($"image {Current} built and saved", () => ImageBuild.Build(Current, Archive(Current)));
            await Step($"image {Next} built and saved", () => ImageBuild.Build(Next, Archive(Next)));
        });
        var boot = Step("Debian 12 bootstrapped (or copied from the cache) and booted", async () => _server = await LocalServer.Up(LocalServer.NewFolder()));
        await Task.WhenAll(images, boot);
        await Step("site.yml, first run", async () => FirstRun = (await Apply(Current)).Recap);
        await Step("demo pond written by the image's job", WriteDemoPond);
        await Step("both replicas ready behind Caddy", AllReady);
        await Step("site.yml, second run", async () =>
        {
            var (result, recap) = await Apply(Current);
            SecondRun = recap;
            SecondRunOutput = result.Output;
        });
        Report($"server: first run {FirstRun}");
        Report($"server: second run {SecondRun}");
    }

    public Task<(Tool.Result Result, Recap Recap)> Apply(string tag, Action<string>? onLine = null) =>
        Playbook.Apply(Server, tag, Archive(tag), _folder.Path, onLine);

    /// <summary>Runs a command as the app user, in its systemd session.</summary>
    public Task<string> AsApp(params string[] command) => Server.AsUserOk(User, command);

    /// <summary>The instance id a replica's own /ready answers 200 with, asked inside the server; null when not ready.</summary>
    public async Task<string?> ReplicaInstance(int port)
    {
        var result = await Server.Exec("curl", "--silent", "--max-time", "3", "--dump-header", "-", "--output", "/dev/null",
            $"http://127.0.0.1:{port}/ready");
        var lines = result.Output.Split('\n').Select(l => l.Trim()).ToList();
        if (lines.Count == 0 || !lines[0].StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            return null;
        }
        return lines.FirstOrDefault(l => l.StartsWith("Kollektivkart-Instance:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
    }

    /// <summary>Waits until each replica is ready and seen through Caddy from this machine; returns their instances.</summary>
    public async Task<Dictionary<int, string>> AllReady()
    {
        var instances = new Dictionary<int, string>();
        foreach (var port in Ports)
        {
            var instance = await Eventually(() => ReplicaInstance(port), TimeSpan.FromMinutes(5), $"the replica on {port} to be ready");
            await Eventually(async () => await ProxiedSite.Instance(new Uri(Site, "ready")) == instance ? instance : null,
                TimeSpan.FromMinutes(2), $"Caddy to route to the replica on {port}");
            instances[port] = instance;
        }
        return instances;
    }

    /// <summary>The image the replica's container runs.</summary>
    public async Task<string> ReplicaImage(int port) =>
        (await AsApp("podman", "inspect", "--format", "{{.Image}}", $"kollektivkart-web-{port}")).Trim();

    public async Task<T> Eventually<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}\n{await Journal()}");
        return null!;
    }

    /// <summary>The app user's last journal lines, for a failure message.</summary>
    public async Task<string> Journal() =>
        (await Server.Exec("journalctl", "--no-pager", "-n", "80", $"_UID={await Server.Uid(User)}")).Output;

    /// <summary>A line for the test output and for artifacts/ops/zero-downtime.txt.</summary>
    public void Report(string line)
    {
        lock (_timeline)
        {
            _timeline.Add(line);
        }
        OpsReport.Append(line);
    }

    public async Task Step(string name, Func<Task> step)
    {
        var started = _clock.Elapsed;
        await step();
        Report($"server: {name} in {(_clock.Elapsed - started).TotalSeconds:F0} s (at {_clock.Elapsed.TotalSeconds:F0} s)");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
        finally
        {
            _folder.Dispose();
            Report($"server: removed; {_clock.Elapsed.TotalSeconds:F0} s in all");
        }
    }

    // What OpsPond writes, but by the image's own job in the server, into the volume the units share.
    private async Task WriteDemoPond()
    {
        var run = new[]
        {
            "podman", "run", "--rm", "--userns=keep-id:uid=1654,gid=1654", "--volume=kollektivkart-cache:/cache",
            $"{ImageBuild.Repository}:{Current}", "dotnet", "/app/etl/kollektivkart-etl.dll",
        };
        await AsApp([.. run, "demo", Pond, "--from", "2025-01-01", "--days", "14", "--scale", "0.01", "--seed", "5"]);
        await AsApp([.. run, "run", Pond, "--skip-bq"]);
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
}
