using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Tests.Support;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>One run per S3 pond: the lock object, exit code 3 for a second run, racing runs, and a killed holder's lease.</summary>
public sealed class S3LockTests(S3PondFixture s3) : IClassFixture<S3PondFixture>
{
    private const string Bucket = S3PondFixture.Bucket;

    [Fact]
    public async Task A_second_run_on_a_pond_being_run_exits_3_naming_the_holder_and_the_first_run_completes()
    {
        const string prefix = "locked";
        s3.Demo(prefix);
        using var first = EtlProcess.Start(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]);
        var firstOutput = first.StandardError.ReadToEndAsync();
        // Named, not only listed (see LockHolder): paused mid-write, the lock would name nobody.
        EtlProcess.WaitUntil(first, () => LockHolder(prefix)?.ProcessId == first.Id, "the lock object named the first run");
        EtlProcess.Pause(first);
        EtlResult second;
        try
        {
            // Another machine, as far as the caches go.
            var elsewhere = s3.Environment(prefix + "-elsewhere");
            second = EtlProcess.Run(elsewhere, ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]);
        }
        finally
        {
            EtlProcess.Resume(first);
        }
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)), "the first run did not finish");

        Assert.True(second.ExitCode == 3, second.Output);
        var line = second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.Matches($@"^error: pond s3://{Bucket}/{prefix} is locked by a run on host {Environment.MachineName}, process {first.Id} for \d+ (s|min \d+ s) \(since .+ UTC\)", line);
        Assert.DoesNotContain("Downloaded", second.Output);
        Assert.True(first.ExitCode == 0, await firstOutput);
        Assert.Equal(PondContent.Files(s3.Reference), s3.Server.List(Bucket, prefix).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Of_two_runs_racing_for_the_lock_exactly_one_gets_it()
    {
        const string prefix = "race";
        var environment = s3.Environment(prefix);
        string[] args = ["demo", S3PondFixture.Pond(prefix), .. DemoPondFixture.DemoArgs];
        using var one = EtlProcess.Start(environment, args);
        using var two = EtlProcess.Start(s3.Environment(prefix + "-other"), args);
        var outputs = new[] { one.StandardError.ReadToEndAsync(), two.StandardError.ReadToEndAsync() };
        Assert.True(one.WaitForExit(TimeSpan.FromMinutes(5)) && two.WaitForExit(TimeSpan.FromMinutes(5)), "a demo did not finish");

        var codes = new[] { one.ExitCode, two.ExitCode }.Order().ToArray();
        Assert.True(codes is [0, 3], string.Join("\n----\n", await Task.WhenAll(outputs)));
        Assert.False(HasLock(prefix));
    }

    [Fact]
    public void A_lock_whose_holder_was_killed_holds_until_its_lease_runs_out_and_is_then_taken_over_with_a_warning()
    {
        const string prefix = "lease";
        s3.Demo(prefix);
        int killed;
        using (var first = EtlProcess.Start(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]))
        {
            _ = first.StandardError.ReadToEndAsync();
            // Named, not only listed (see LockHolder): killed mid-write, the holder would leave a lock naming nobody, taken
            // over from "an unknown holder", which is not what this test shows.
            EtlProcess.WaitUntil(first, () => LockHolder(prefix)?.ProcessId == first.Id, "the lock object named the first run");
            killed = first.Id;
            first.Kill(); // SIGKILL: the holder cannot release anything
            first.WaitForExit();
        }
        Assert.True(HasLock(prefix), "a killed holder leaves its lock");

        var refused = EtlProcess.Run(s3.Environment(prefix), ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]);
        Assert.True(refused.ExitCode == 3, refused.Output);

        const double leaseMinutes = 0.05;
        Thread.Sleep(TimeSpan.FromMinutes(leaseMinutes) + TimeSpan.FromSeconds(1));
        var environment = s3.Environment(prefix);
        environment[PondLockOptions.LeaseVariable] = leaseMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var next = S3PondFixture.Require(EtlProcess.Run(environment, ["run", S3PondFixture.Pond(prefix), .. S3PondFixture.RunArgs]), "run after the lease");

        var takeover = $"Taking over the lock of s3://{Bucket}/{prefix} from the run on host {Environment.MachineName}, process {killed}";
        Assert.True(next.Output.Contains(takeover, StringComparison.Ordinal), $"no \"{takeover}\" in:\n{next.Output}");
        Assert.Equal(PondContent.Files(s3.Reference), s3.Server.List(Bucket, prefix).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PondContent.Of(s3.Reference), PondContent.Of(s3.Download(prefix)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("six hours")]
    public void A_lease_that_is_not_a_positive_number_of_minutes_is_refused_with_exit_code_2(string lease)
    {
        var environment = s3.Environment("bad-lease");
        environment[PondLockOptions.LeaseVariable] = lease;

        var result = EtlProcess.Run(environment, ["run", S3PondFixture.Pond("bad-lease"), .. S3PondFixture.RunArgs]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {PondLockOptions.LeaseVariable} must be a number of minutes above 0", result.Stderr);
        Assert.Empty(s3.Server.List(Bucket, "bad-lease"));
    }

    private bool HasLock(string prefix) => s3.Server.List(Bucket, prefix).ContainsKey(S3PondLock.Key);

    /// <summary>
    /// The holder the pond's lock object names, read as the job reads it; null when there is none or it names none. s3rver
    /// lists an object while its body is still being written, so a listed lock may not name its holder yet.
    /// </summary>
    private PondLockHolder? LockHolder(string prefix)
    {
        using var client = s3.Server.Client();
        try
        {
            using var response = client.GetObjectAsync(Bucket, $"{prefix}/{S3PondLock.Key}").GetAwaiter().GetResult();
            using var reader = new StreamReader(response.ResponseStream);
            return PondLockHolder.Parse(reader.ReadToEnd());
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Amazon.Runtime.AmazonClientException e) when (e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
        {
            // Read while s3rver still writes it: the body so far does not match the object's MD5.
            return null;
        }
    }
}
