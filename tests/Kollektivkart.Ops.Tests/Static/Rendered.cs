using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>
/// Everything render.yml renders, with the defaults a server gets (only paths that would touch this machine moved).
/// Rendered once per test run for every class that reads it (an Ansible run is seconds of CPU); nobody writes to it,
/// and it is deleted when the test process ends. Tests that vary the variables render their own (<see cref="With"/>).
/// </summary>
public sealed class Rendered : IAsyncLifetime
{
    private static readonly Lazy<Task<TempFolder>> Shared = new(RenderShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private TempFolder _folder = null!;

    public string Root => _folder.Sub("rendered");

    /// <summary>Caddy's access log goes here instead of /var/log/caddy, so validating it writes nothing outside the test.</summary>
    public string CaddyLogDir => _folder.Sub("caddy-log");

    public string File(string relative) => Path.Combine(Root, relative);

    public UnitFile Unit(string relative) => UnitFile.Read(File(relative));

    /// <summary>KEY=value lines of a rendered environment file.</summary>
    public IReadOnlyDictionary<string, string> Environment(string relative) =>
        System.IO.File.ReadAllLines(File(relative))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    public async Task InitializeAsync() => _folder = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<TempFolder> RenderShared()
    {
        var folder = new TempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        Directory.CreateDirectory(folder.Sub("caddy-log"));
        await OpsFiles.Render(folder.Sub("rendered"), new Dictionary<string, object> { ["caddy_log_dir"] = folder.Sub("caddy-log") });
        return folder;
    }

    /// <summary>Renders into a fresh folder with <paramref name="overrides"/>, for tests that vary the variables.</summary>
    public static async Task<string> With(TempFolder folder, IReadOnlyDictionary<string, object> overrides) =>
        await OpsFiles.Render(folder.Sub("rendered-" + Guid.NewGuid().ToString("N")[..8]), overrides);
}
