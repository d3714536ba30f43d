using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>Caddy 2.6 accepts the rendered main file with the site it imports.</summary>
public sealed class CaddyTests(Rendered rendered) : IClassFixture<Rendered>
{
    [Fact]
    public async Task Rendered_caddyfile_validates_without_warnings()
    {
        var caddy = Tool.Require("caddy", "caddy");
        using var home = new TempFolder();
        var result = await Tool.Run(caddy,
            ["validate", "--adapter", "caddyfile", "--config", rendered.File("caddy/Caddyfile")],
            workingDirectory: home.Path,
            environment: new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = home.Sub("config"), ["XDG_DATA_HOME"] = home.Sub("data") });

        Assert.True(result.ExitCode == 0, $"caddy validate:\n{result.Output}");
        Assert.Contains("Valid configuration", result.Output);
        // Caddy warns about unformatted input and deprecated directives, and still says valid.
        Assert.DoesNotContain("\"level\":\"warn\"", result.Output);
        Assert.Contains($"import {rendered.File("caddy/sites")}/*.caddy", File.ReadAllText(rendered.File("caddy/Caddyfile")));
    }
}
