using System.Diagnostics;
using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests;

/// <summary>One run per pond folder: a second run or demo is refused with exit code 3, a killed holder's lock is taken over.</summary>
public sealed class PondLockTests(DemoPondFixture demo) : IClassFixture<DemoPondFixture>
{
    [Fact]
    public async Task A_second_run_or_demo_on_a_pond_being_run_exits_3_naming_the_holder_and_the_first_run_completes()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        using var first = EtlProcess.Start(new Dictionary<string, string?>(), "run", pond, "--skip-bq", "--max-cpus", "1");
        var firstOutput = first.StandardError.ReadToEndAsync();
        EtlProcess.WaitUntil(first, () => File.Exists(Path.Combine(pond, LocalPondLock.HolderFile)), "the lock was taken");
        // Paused, the first run holds the lock for as long as the test needs, wherever it is in its work.
        EtlProcess.Pause(first);
        EtlResult second, demoRun;
        try
        {
            second = EtlProcess.Run("run", pond, "--skip-bq");
            demoRun = EtlProcess.Run(["demo", pond, .. DemoPondFixture.DemoArgs]);
        }
        finally
        {
            EtlProcess.Resume(first);
        }
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)), "the first run did not finish");

        foreach (var refused in new[] { second, demoRun })
        {
            Assert.True(refused.ExitCode == 3, refused.Output);
            var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches($@"^error: pond .+ is locked by a run on host {Environment.MachineName}, process {first.Id} for \d+ (s|min \d+ s) \(since .+ UTC\)", line);
        }
        Assert.True(first.ExitCode == 0, await firstOutput);
        Assert.True(File.Exists(Path.Combine(pond, "stats.db")));
        Assert.False(File.Exists(Path.Combine(pond, LocalPondLock.HolderFile)), "the lock names no holder after the run");
    }

    [Fact]
    public void A_lock_whose_holder_was_killed_is_taken_over_with_a_warning_and_the_run_completes()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        int killed;
        using (var first = EtlProcess.Start(new Dictionary<string, string?>(), "run", pond, "--skip-bq", "--max-cpus", "1"))
        {
            _ = first.StandardError.ReadToEndAsync();
            EtlProcess.WaitUntil(first, () => File.Exists(Path.Combine(pond, LocalPondLock.HolderFile)), "the lock was taken");
            killed = first.Id;
            first.Kill(); // SIGKILL: no cleanup runs in the holder
            first.WaitForExit();
        }
        Assert.True(File.Exists(Path.Combine(pond, LocalPondLock.HolderFile)), "a killed holder leaves its name behind");

        var next = EtlProcess.Run("run", pond, "--skip-bq");

        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains($"Taking over the lock of {pond} from the run on host {Environment.MachineName}, process {killed}", next.Output);
        Assert.True(File.Exists(Path.Combine(pond, "stats.db")));
        Assert.False(File.Exists(Path.Combine(pond, LocalPondLock.HolderFile)));
    }
}
