using System.Text.Json;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>
/// One source of truth: render.yml renders every template under ops/, and a server gets exactly those
/// files, because the roles deploy through the same task lists (checked by running them as on a server).
/// </summary>
public sealed class RenderCheckTests(Rendered rendered) : IClassFixture<Rendered>
{
    /// <summary>Where each render folder lands on a server (roles/*/vars/main.yml), under a root.</summary>
    private static readonly (string Rendered, string Server)[] Places =
    [
        ("caddy/sites", "etc/caddy/sites"),
        ("caddy", "etc/caddy"),
        ("env", "home/kollektivkart/.config/kollektivkart"),
        ("systemd", "home/kollektivkart/.config/systemd/user"),
        ("quadlet", "home/kollektivkart/.config/containers/systemd"),
    ];

    [Fact]
    public void Every_template_under_ops_is_rendered_and_nothing_else()
    {
        var templates = new[] { "caddy", "units" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(OpsFiles.Root, folder), "*.j2", SearchOption.AllDirectories))
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();
        var files = RenderedFiles(rendered.Root).Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(templates, files);
    }

    [Fact]
    public void Roles_and_render_playbook_share_their_template_task_lists()
    {
        var render = File.ReadAllText(Path.Combine(OpsFiles.Ansible, "render.yml"));
        foreach (var role in new[] { "caddy", "kollektivkart" })
        {
            Assert.Contains($"ansible.builtin.import_tasks: roles/{role}/tasks/templates.yml", render);
            Assert.Contains("ansible.builtin.import_tasks: templates.yml", File.ReadAllText(Path.Combine(OpsFiles.Ansible, "roles", role, "tasks", "main.yml")));
        }
        // No other task in those roles renders a template of its own, which render.yml would miss.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(OpsFiles.Ansible, "roles"), "*.yml", SearchOption.AllDirectories)
                     .Where(f => f.Contains("/roles/caddy/") || f.Contains("/roles/kollektivkart/"))
                     .Where(f => Path.GetFileName(f) != "templates.yml"))
        {
            Assert.DoesNotContain("ansible.builtin.template", File.ReadAllText(file));
        }
    }

    [Theory]
    [InlineData("systemd")]
    [InlineData("quadlet")]
    public async Task A_server_gets_exactly_what_render_renders(string flavour)
    {
        var playbook = Tool.Require("ansible-playbook", "ansible-core");
        using var folder = new TempFolder();
        var root = folder.Sub("server");
        foreach (var (_, server) in Places)
        {
            Directory.CreateDirectory(Path.Combine(root, server));
        }
        var variables = new Dictionary<string, object>
        {
            ["ops_ansible"] = OpsFiles.Ansible,
            ["kollektivkart_ops_dir"] = OpsFiles.Root,
            ["kollektivkart_flavour"] = flavour,
            ["kollektivkart_home"] = Path.Combine(root, "home/kollektivkart"),
            // Files belong to the app user on a server; here to whoever runs the test.
            ["kollektivkart_user"] = Environment.UserName,
            ["caddy_config_dir"] = Path.Combine(root, "etc/caddy"),
            ["caddy_sites_dir"] = Path.Combine(root, "etc/caddy/sites"),
            ["caddy_log_dir"] = rendered.CaddyLogDir,
        };
        var variablesFile = folder.Sub("variables.json");
        await File.WriteAllTextAsync(variablesFile, JsonSerializer.Serialize(variables));

        var result = await Tool.Run(playbook,
            ["-i", "localhost,", "-c", "local", Path.Combine(BuildOutput.RepositoryRoot, "tests", "Kollektivkart.Ops.Tests", "Static", "deploy-templates.yml"), "-e", "@" + variablesFile],
            workingDirectory: OpsFiles.Ansible,
            environment: new Dictionary<string, string> { ["ANSIBLE_NOCOLOR"] = "1" });
        Assert.True(result.ExitCode == 0, $"deploying the templates as a server would:\n{result.Output}");

        var deployed = RenderedFiles(root).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToList();
        var expected = RenderedFiles(rendered.Root)
            .Select(path => Path.GetRelativePath(rendered.Root, path))
            .Where(path => !path.StartsWith(flavour == "systemd" ? "quadlet/" : "systemd/kollektivkart-", StringComparison.Ordinal)
                           || path == "systemd/kollektivkart-etl.timer")
            .Select(ServerPath)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, deployed);
        foreach (var path in deployed)
        {
            var renderedPath = Path.Combine(rendered.Root, RenderPath(path));
            var server = await File.ReadAllTextAsync(Path.Combine(root, path));
            // Only the main Caddyfile differs: it imports the sites folder it lives beside.
            var expectedText = (await File.ReadAllTextAsync(renderedPath))
                .Replace(rendered.File("caddy/sites"), Path.Combine(root, "etc/caddy/sites"));
            Assert.True(expectedText == server, $"{path} on a server differs from render.yml's {RenderPath(path)}");
        }
        if (flavour == "quadlet")
        {
            Assert.Equal("kollektivkart-web@.container",
                new FileInfo(Path.Combine(root, "home/kollektivkart/.config/containers/systemd/kollektivkart-web@8000.container")).LinkTarget);
        }
    }

    private static string ServerPath(string renderedPath)
    {
        var (from, to) = Places.First(p => renderedPath.StartsWith(p.Rendered + "/", StringComparison.Ordinal)
                                           && !renderedPath[(p.Rendered.Length + 1)..].Contains('/'));
        return to + renderedPath[from.Length..];
    }

    private static string RenderPath(string serverPath)
    {
        var (from, to) = Places.First(p => serverPath.StartsWith(p.Server + "/", StringComparison.Ordinal)
                                           && !serverPath[(p.Server.Length + 1)..].Contains('/'));
        return from + serverPath[to.Length..];
    }

    /// <summary>Regular files only (the quadlet instance links are checked on their own).</summary>
    private static IEnumerable<string> RenderedFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => new FileInfo(path).LinkTarget is null && !Path.GetFileName(path).StartsWith('.'));
}
