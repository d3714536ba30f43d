using System.Text.Json;
using System.Text.RegularExpressions;
using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>One host's line of the PLAY RECAP.</summary>
public sealed record Recap(string Line, int Ok, int Changed, int Unreachable, int Failed)
{
    public override string ToString() => Line;
}

/// <summary>
/// ansible-playbook site.yml as an operator runs it, from ops/ansible with the example inventory,
/// the example vault and its password; only what differs on this machine is passed as extra
/// variables (the server's address and key, the image from an archive, a demo pond, no BigQuery).
/// </summary>
public static partial class Playbook
{
    public const string Host = "kollektivkart.example.org";

    /// <summary>The header Ansible prints as a handler starts: what a run changed reaches the running services from the first one on.</summary>
    public const string HandlerStart = "RUNNING HANDLER [";

    /// <summary>The header of the handler that rolls the replicas onto a new image, one at a time.</summary>
    public const string RollStart = "RUNNING HANDLER [kollektivkart : Roll the web replicas]";

    /// <summary>Runs site.yml; <paramref name="onLine"/> sees its output line by line as it runs.</summary>
    public static async Task<(Tool.Result Result, Recap Recap)> Apply(
        LocalServer server, string tag, string archive, string folder, Action<string>? onLine = null)
    {
        var playbook = Tool.Require("ansible-playbook", "ansible-core");
        var variables = new Dictionary<string, object>
        {
            ["ansible_host"] = server.Address,
            ["ansible_ssh_private_key_file"] = server.SshKey,
            ["ansible_ssh_common_args"] = "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null",
            ["kollektivkart_vault_file"] = "vault.example.yml",
            // Plain HTTP on port 80 of the server's address: no certificate authority to ask here.
            ["kollektivkart_site_address"] = $"http://{server.Address}",
            ["kollektivkart_image"] = ImageBuild.Repository,
            ["kollektivkart_image_tag"] = tag,
            ["kollektivkart_image_archive"] = archive,
            // The demo pond lives in the volume the replicas and the job share (the units mount no other).
            ["kollektivkart_pond_location"] = ProvisionedServer.Pond,
            ["kollektivkart_pond_refresh_seconds"] = 5,
            ["kollektivkart_etl_skip_bigquery"] = true,
            // Shorter than the default 15 s, still longer than Caddy's health interval plus timeout.
            ["kollektivkart_drain_seconds"] = 6,
            // No cgroup controllers can be delegated on this machine (see ops/README.md).
            ["kollektivkart_resource_limits"] = false,
        };
        var file = Path.Combine(folder, $"variables-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(variables));
        var result = await Tool.Run(playbook,
            ["-i", "inventory.example.ini", "--vault-password-file", "vault-password.example", "-e", "@" + file, "site.yml"],
            workingDirectory: OpsFiles.Ansible,
            // Unbuffered, so a step's header arrives when the step starts.
            environment: new Dictionary<string, string> { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_FORCE_COLOR"] = "0", ["PYTHONUNBUFFERED"] = "1" },
            timeout: TimeSpan.FromMinutes(25), onLine: onLine);
        File.Delete(file);
        var match = RecapLine().Match(result.Output);
        Assert.True(match.Success, $"no PLAY RECAP for {Host}:\n{result.Output}");
        var recap = new Recap(Regex.Replace(match.Value.Trim(), @"\s+", " "),
            int.Parse(match.Groups["ok"].Value), int.Parse(match.Groups["changed"].Value),
            int.Parse(match.Groups["unreachable"].Value), int.Parse(match.Groups["failed"].Value));
        Assert.True(result.ExitCode == 0 && recap.Failed == 0 && recap.Unreachable == 0,
            $"site.yml failed ({result.ExitCode}): {recap}\n{result.Output}");
        return (result, recap);
    }

    /// <summary>The tasks that reported changed, for a message.</summary>
    public static string ChangedTasks(string output)
    {
        var task = "";
        var changed = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("TASK [", StringComparison.Ordinal) || line.StartsWith("RUNNING HANDLER [", StringComparison.Ordinal))
            {
                task = line.TrimEnd('*', ' ');
            }
            else if (line.StartsWith("changed:", StringComparison.Ordinal))
            {
                changed.Add($"{task}: {line}");
            }
        }
        return string.Join('\n', changed);
    }

    [GeneratedRegex(@"^kollektivkart\.example\.org\s*:\s*ok=(?<ok>\d+)\s+changed=(?<changed>\d+)\s+unreachable=(?<unreachable>\d+)\s+failed=(?<failed>\d+).*$", RegexOptions.Multiline)]
    private static partial Regex RecapLine();
}
