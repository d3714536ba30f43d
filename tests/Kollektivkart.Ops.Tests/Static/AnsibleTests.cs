using System.Text.RegularExpressions;
using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>The playbooks parse, lint clean at the production profile, and the example vault opens with its documented password.</summary>
public sealed class AnsibleTests
{
    private static readonly Dictionary<string, string> NoColor = new()
    {
        ["ANSIBLE_NOCOLOR"] = "1",
        ["ANSIBLE_FORCE_COLOR"] = "0",
        ["NO_COLOR"] = "1",
        ["PY_COLORS"] = "0",
    };

    [Fact]
    public async Task Site_playbook_passes_syntax_check_with_the_example_vault()
    {
        var playbook = Tool.Require("ansible-playbook", "ansible-core");
        var result = await Tool.Run(playbook,
            ["-i", "inventory.example.ini", "--syntax-check", "--vault-password-file", "vault-password.example",
             "-e", "kollektivkart_vault_file=vault.example.yml", "site.yml"],
            workingDirectory: OpsFiles.Ansible, environment: NoColor);
        Assert.True(result.ExitCode == 0, $"ansible-playbook --syntax-check site.yml:\n{result.Output}");

        var render = await Tool.Run(playbook, ["-i", "localhost,", "--syntax-check", "render.yml"],
            workingDirectory: OpsFiles.Ansible, environment: NoColor);
        Assert.True(render.ExitCode == 0, $"ansible-playbook --syntax-check render.yml:\n{render.Output}");
    }

    [Fact]
    public async Task Ansible_lint_finds_nothing_at_the_production_profile()
    {
        var lint = Tool.Require("ansible-lint", "ansible-lint");
        var result = await Tool.Run(lint,
            ["--offline", "--profile", "production", "--nocolor", "site.yml", "render.yml", "roles"],
            workingDirectory: OpsFiles.Ansible, environment: NoColor, timeout: TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, $"ansible-lint --profile production:\n{result.Output}");
        var summary = Regex.Match(result.Output, @"0 failure\(s\), 0 warning\(s\) on (\d+) files");
        Assert.True(summary.Success, $"ansible-lint summary not found:\n{result.Output}");
        // Guards against linting nothing: both playbooks and every role's tasks, handlers, vars and meta.
        Assert.True(int.Parse(summary.Groups[1].Value) >= 20, $"ansible-lint looked at too few files:\n{result.Output}");
    }

    [Fact]
    public async Task Example_vault_opens_with_its_password_and_holds_every_secret_the_roles_use()
    {
        var vault = Tool.Require("ansible-vault", "ansible-core");
        var encrypted = await File.ReadAllTextAsync(Path.Combine(OpsFiles.Ansible, "vault.example.yml"));
        Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256", encrypted);
        Assert.Equal("hugabuga", (await File.ReadAllTextAsync(Path.Combine(OpsFiles.Ansible, "vault-password.example"))).Trim());

        var result = await Tool.Run(vault, ["view", "--vault-password-file", "vault-password.example", "vault.example.yml"],
            workingDirectory: OpsFiles.Ansible, environment: NoColor);

        Assert.True(result.ExitCode == 0, $"ansible-vault view vault.example.yml:\n{result.Output}");
        var inVault = TopLevel(result.Output);
        // render.yml renders with the same fake values, so the tests see what the example vault gives a server.
        Assert.Equal(TopLevel(await File.ReadAllTextAsync(Path.Combine(OpsFiles.Ansible, "render-secrets.yml"))), inVault);
        var used = Directory.EnumerateFiles(Path.Combine(OpsFiles.Ansible, "roles"), "*.yml", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\bvault_[a-z0-9_]+").Select(m => m.Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Equal(used.Order(), inVault.Keys.Order());
    }

    /// <summary>Top-level <c>key: value</c> pairs of a flat YAML file.</summary>
    private static Dictionary<string, string> TopLevel(string yaml) =>
        yaml.Split('\n')
            .Select(line => Regex.Match(line, @"^([a-z0-9_]+):\s*(.*)$"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
}
