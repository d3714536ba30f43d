using System.Text.RegularExpressions;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>Every shell script in the repository, found by its #! line, is shellcheck-clean.</summary>
public sealed class ShellScriptTests
{
    private static readonly HashSet<string> Skipped = ["bin", "obj", "node_modules", ".git", "data", "artifacts", "TestResults"];

    [Fact]
    public async Task Every_shell_script_passes_shellcheck()
    {
        var shellcheck = Tool.Require("shellcheck", "shellcheck");
        var root = BuildOutput.RepositoryRoot;
        var scripts = ShellScripts(root).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToList();
        foreach (var expected in new[] { "test.sh", ".ci/run", "scripts/install-test-deps", "ops/rolling-restart", "ops/publish", "ops/healthcheck" })
        {
            Assert.Contains(expected, scripts);
        }

        var result = await Tool.Run(shellcheck, ["--external-sources", .. scripts], workingDirectory: root);

        Assert.True(result.ExitCode == 0, $"shellcheck {string.Join(' ', scripts)}:\n{result.Output}");
    }

    private static IEnumerable<string> ShellScripts(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (IsShellScript(file))
            {
                yield return file;
            }
        }
        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in ShellScripts(sub))
            {
                yield return file;
            }
        }
    }

    private static bool IsShellScript(string file)
    {
        using var reader = new StreamReader(file);
        var first = reader.ReadLine() ?? "";
        return Regex.IsMatch(first, @"^#!\s*(/usr)?/bin/(env\s+)?(ba|da|k)?sh\b");
    }
}
