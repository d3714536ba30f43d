using System.Globalization;
using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>
/// A freshly bootstrapped Debian 12 booted by ops/try/server: systemd as PID 1 in namespaces of its
/// own, its own network reached over a veth pair on a link-local /30 (<see cref="Address"/>), SSH for
/// the sudoer "admin". Disposing powers it off and removes its folder, also after a failed test.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly string _folder;

    private LocalServer(string folder, IReadOnlyDictionary<string, string> settings)
    {
        _folder = folder;
        Address = settings["ADDRESS"];
        SshKey = settings["SSH_KEY"];
    }

    public static string Script => Path.Combine(OpsFiles.Root, "try", "server");

    /// <summary>The server's address on its veth; only this machine's end of the pair reaches it.</summary>
    public string Address { get; }

    public string SshKey { get; }

    public static async Task<LocalServer> Up(string folder)
    {
        Tool.Require("debootstrap", "debootstrap");
        Tool.Require("ssh", "openssh-client");
        var result = await Tool.Run(Script, ["up", folder], timeout: TimeSpan.FromMinutes(20));
        if (result.ExitCode != 0)
        {
            await Tool.Run(Script, ["down", folder]);
            Assert.Fail($"ops/try/server up failed:\n{result.Output}");
        }
        var settings = result.Output.Split('\n')
            .Select(line => line.Trim().Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return new LocalServer(folder, settings);
    }

    /// <summary>Runs a command inside the server as root (its namespaces and root file system).</summary>
    public Task<Tool.Result> Exec(params string[] command) =>
        Tool.Run(Script, ["exec", _folder, .. command], timeout: TimeSpan.FromMinutes(10));

    /// <summary>Runs a command as <paramref name="user"/> in its systemd session, as ssh + sudo -iu would.</summary>
    public async Task<Tool.Result> AsUser(string user, params string[] command)
    {
        var uid = await Uid(user);
        return await Exec(["runuser", "-u", user, "--", "env", $"XDG_RUNTIME_DIR=/run/user/{uid}",
            $"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{uid}/bus", "HOME=/home/" + user, .. command]);
    }

    /// <summary>Like <see cref="AsUser"/>, and fails the test with the output when the command fails.</summary>
    public async Task<string> AsUserOk(string user, params string[] command)
    {
        var result = await AsUser(user, command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} as {user} failed ({result.ExitCode}):\n{result.Output}");
        return result.Output;
    }

    public async Task<string> ExecOk(params string[] command)
    {
        var result = await Exec(command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} failed ({result.ExitCode}):\n{result.Output}");
        return result.Output;
    }

    public async Task<int> Uid(string user) =>
        int.Parse((await ExecOk("id", "-u", user)).Trim(), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        var result = await Tool.Run(Script, ["down", _folder], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 && !Directory.Exists(_folder), $"ops/try/server down left {_folder}:\n{result.Output}");
    }

    /// <summary>A folder for a server: not under /tmp's tmpfs on some machines, and named so a leftover is recognisable.</summary>
    public static string NewFolder() =>
        Path.Combine("/var/tmp", "kollektivkart-ops-server-" + Guid.NewGuid().ToString("N")[..12]);
}
