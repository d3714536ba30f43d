using System.Text.Json;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Support;

/// <summary>
/// The files under ops/, and the configuration the servers get, rendered by Ansible itself from the
/// role's templates and defaults (ops/ansible/render.yml). Tests run exactly what a server runs, with
/// only the variables they override (ports, paths, timings) changed.
/// </summary>
public static class OpsFiles
{
    public static string Root => Path.Combine(BuildOutput.RepositoryRoot, "ops");

    public static string Ansible => Path.Combine(Root, "ansible");

    /// <summary>Renders every template into <paramref name="folder"/> with <paramref name="overrides"/> as extra variables.</summary>
    public static async Task<string> Render(string folder, IReadOnlyDictionary<string, object>? overrides = null)
    {
        var playbook = Tool.Require("ansible-playbook", "ansible-core");
        var variables = new Dictionary<string, object>(overrides ?? new Dictionary<string, object>()) { ["render_dir"] = folder };
        var variablesFile = Path.Combine(folder, ".render-variables.json");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(variablesFile, JsonSerializer.Serialize(variables));
        var result = await Tool.Run(playbook,
            ["-i", "localhost,", "-c", "local", "render.yml", "-e", "@" + variablesFile],
            workingDirectory: Ansible,
            environment: new Dictionary<string, string> { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_FORCE_COLOR"] = "0" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"rendering ops/ansible/render.yml failed:\n{result.Output}");
        File.Delete(variablesFile);
        return folder;
    }
}
