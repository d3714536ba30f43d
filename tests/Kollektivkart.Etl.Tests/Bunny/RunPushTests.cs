using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.Bunny;

/// <summary>The nightly run ends by pushing the repository's wwwroot to the CDN; a failed push fails the run.</summary>
public sealed class RunPushTests(DemoPondFixture demo) : IClassFixture<DemoPondFixture>
{
    [Fact]
    public async Task The_run_pushes_the_static_assets_as_its_last_step()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        await using var bunny = await FakeBunny.Start();

        var result = EtlProcess.Run(bunny.Environment(), "run", pond, "--skip-bq");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(File.Exists(Path.Combine(pond, PondLayout.StatsDb)));
        var assets = RepositoryAssets();
        var expected = Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(assets, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, bunny.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, bunny.Purges);
        Assert.True(
            result.Output.IndexOf("Run complete", StringComparison.Ordinal) < result.Output.IndexOf("CDN push done", StringComparison.Ordinal),
            result.Output);
    }

    [Fact]
    public async Task A_rejected_upload_fails_the_run_after_the_data_is_derived()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        await using var bunny = await FakeBunny.Start();
        bunny.Corrupting = true;

        var result = EtlProcess.Run(bunny.Environment(), "run", pond, "--skip-bq");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: CDN push failed: upload of css/site.css was rejected", result.Output);
        Assert.True(File.Exists(Path.Combine(pond, PondLayout.StatsDb)));
        Assert.Empty(bunny.Files);
        Assert.DoesNotContain(FakeBunny.StorageKey, result.Output);
    }

    /// <summary>What the job finds by default: the nearest wwwroot at or above the directory it starts in, here the tests'.</summary>
    private static string RepositoryAssets()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "wwwroot");
            if (Directory.Exists(candidate))
            {
                Assert.True(File.Exists(Path.Combine(candidate, "css", "site.css")), $"{candidate} is not the repository's wwwroot");
                return candidate;
            }
        }
        throw new InvalidOperationException($"no wwwroot at or above {Directory.GetCurrentDirectory()}: run the tests from inside the repository");
    }
}
