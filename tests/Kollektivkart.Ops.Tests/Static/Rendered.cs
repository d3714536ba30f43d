using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>Everything render.yml renders, with the defaults a server gets (only paths that would touch this machine moved).</summary>
public sealed class Rendered : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

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

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CaddyLogDir);
        await OpsFiles.Render(Root, new Dictionary<string, object> { ["caddy_log_dir"] = CaddyLogDir });
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Renders into a fresh folder with <paramref name="overrides"/>, for tests that vary the variables.</summary>
    public static async Task<string> With(TempFolder folder, IReadOnlyDictionary<string, object> overrides) =>
        await OpsFiles.Render(folder.Sub("rendered-" + Guid.NewGuid().ToString("N")[..8]), overrides);
}
