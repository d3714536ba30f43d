using System.Text.RegularExpressions;
using Kollektivkart.Ops.Tests.Serving;
using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>
/// What the image is made of, quickly and without podman: ops/publish lays out /app as the Containerfile
/// copies it, the job and the site run from that layout as the units start them, and ops/healthcheck
/// tells a ready site from one that is not. The image itself is built and run in Server/.
/// </summary>
public sealed class ImageLayoutTests(Rendered rendered) : IClassFixture<Rendered>
{
    private static string Containerfile => File.ReadAllText(Path.Combine(OpsFiles.Root, "Containerfile"));

    [Fact]
    public void Containerfile_builds_in_two_stages_and_runs_as_a_non_root_user_with_a_health_check()
    {
        var text = Containerfile;
        // The base images are build arguments (ops/build-image --local-bases), Microsoft's by default.
        Assert.Matches(@"(?m)^ARG SDK_IMAGE=mcr\.microsoft\.com/dotnet/sdk:10\.0$", text);
        Assert.Matches(@"(?m)^ARG RUNTIME_IMAGE=mcr\.microsoft\.com/dotnet/aspnet:10\.0$", text);
        Assert.Matches(@"(?m)^FROM \$\{SDK_IMAGE\} AS build$", text);
        Assert.Matches(@"(?m)^FROM \$\{RUNTIME_IMAGE\}$", text);
        Assert.Matches(@"(?m)^RUN .*\n?.*ops/publish /app ", text);
        Assert.Matches(@"(?m)^COPY --from=build /app /app$", text);
        var user = Regex.Match(text, @"(?m)^USER (\S+)$");
        Assert.True(user.Success && user.Groups[1].Value is not ("root" or "0"), "the runtime stage must switch to a non-root USER");
        Assert.Matches(@"(?m)^HEALTHCHECK .*CMD \[""/app/healthcheck""\]$", text);
        // The units map the app user onto the image's user.
        Assert.Contains("--userns=keep-id:uid=1654,gid=1654", File.ReadAllText(rendered.File("systemd/kollektivkart-web@.service")));
    }

    [Fact]
    public async Task Published_layout_runs_the_job_and_the_site_as_the_units_start_them()
    {
        Tool.Require("bash", "bash");
        using var folder = new TempFolder();
        var app = folder.Sub("app");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        // --no-build: publish what the test run already built, rather than build again beside other work.
        var publish = await Tool.Run(Path.Combine(OpsFiles.Root, "publish"), [app, "--no-build"],
            environment: new Dictionary<string, string> { ["CONFIGURATION"] = configuration }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, $"ops/publish:\n{publish.Output}");

        var siteDll = Regex.Match(Containerfile, @"(?m)^CMD \[""dotnet"", ""/app/([^""]+)""\]$").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(app, siteDll)), $"the image's CMD names /app/{siteDll}, which ops/publish does not write");
        var job = Podman.Run(rendered.Unit("systemd/kollektivkart-etl.service")).Command;
        Assert.Equal("dotnet", job[0]);
        var jobDll = Path.Combine(app, Path.GetRelativePath("/app", job[1]));
        Assert.True(File.Exists(jobDll), $"the job's unit runs {job[1]}, which ops/publish does not write");
        // cdn-push looks for wwwroot from its working folder, /app.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(app, "wwwroot"), "*", SearchOption.AllDirectories));

        var pond = folder.Sub("pond");
        await Run(app, "dotnet", jobDll, "demo", pond, "--from", "2025-01-01", "--days", "2", "--scale", "0.01");
        await Run(app, "dotnet", jobDll, "run", pond, "--skip-bq", "--max-cpus", "1", "--memory-limit-gb", "1");

        var port = FreePorts.Take(1)[0];
        var healthcheck = Path.Combine(app, "healthcheck");
        var before = await Tool.Run(healthcheck, [port.ToString()]);
        Assert.NotEqual(0, before.ExitCode);

        await using var site = Tool.Start("dotnet", [Path.Combine(app, siteDll)], app, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["PARQUET_LOCATION"] = pond,
            ["POND_CACHE_DIR"] = folder.Sub("cache"),
        });
        var ready = false;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ready && DateTime.UtcNow < deadline && !site.Process.HasExited)
        {
            ready = (await Tool.Run(healthcheck, [port.ToString()])).ExitCode == 0;
            if (!ready)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(ready, $"ops/healthcheck never saw the published site ready:\n{site.Output}");
        // The same script reads the port from ASPNETCORE_URLS, as the image's HEALTHCHECK runs it.
        var fromUrls = await Tool.Run(healthcheck, [], environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{port}" });
        Assert.True(fromUrls.ExitCode == 0, fromUrls.Output);
    }

    private static async Task Run(string workingDirectory, string command, params string[] arguments)
    {
        var result = await Tool.Run(command, arguments, workingDirectory, timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"{command} {string.Join(' ', arguments)}:\n{result.Output}");
    }
}
