using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests;

/// <summary>The command line as users and scripts meet it: help, and bad input that gets one clear line and touches nothing.</summary>
public sealed class CommandLineTests(DemoPondFixture demo) : IClassFixture<DemoPondFixture>
{
    [Theory]
    [InlineData(new[] { "--help" }, "demo")]
    [InlineData(new[] { "demo", "--help" }, "--scale")]
    [InlineData(new[] { "run", "--help" }, "--memory-limit-gb")]
    public void Help_is_printed_with_exit_code_zero(string[] args, string mentions)
    {
        var result = EtlProcess.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(mentions, result.Stdout);
    }

    [Theory]
    [InlineData("demo", "--from", "2025-13-01", "--from")]
    [InlineData("demo", "--from", "yesterday", "YYYY-MM-DD")]
    [InlineData("demo", "--days", "0", "--days must be at least 1")]
    [InlineData("demo", "--scale", "0", "--scale")]
    [InlineData("run", "--from-date", "2025-02-30", "--from-date")]
    [InlineData("run", "--max-cpus", "0", "--max-cpus")]
    public void Bad_options_are_refused_before_anything_is_written(string verb, string option, string value, string message)
    {
        using var folder = new TempFolder();
        var pond = folder.Sub("pond");
        string[] args = verb == "run" ? [verb, pond, "--skip-bq", option, value] : [verb, pond, option, value];

        var result = EtlProcess.Run(args);

        AssertRefused(result, message);
        Assert.False(Directory.Exists(pond), "a refused command must not create the pond");
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("run")]
    public void A_pond_path_that_is_a_file_is_refused(string verb)
    {
        using var folder = new TempFolder();
        var file = folder.Sub("not-a-folder");
        File.WriteAllText(file, "hello");

        var result = verb == "run" ? EtlProcess.Run(verb, file, "--skip-bq") : EtlProcess.Run(verb, file, "--days", "1");

        AssertRefused(result, "is a file");
        Assert.Equal("hello", File.ReadAllText(file));
    }

    [Fact]
    public void Run_on_a_pond_without_raw_data_says_what_is_missing()
    {
        using var folder = new TempFolder();
        var pond = folder.Sub("empty");
        Directory.CreateDirectory(pond);

        var result = EtlProcess.Run("run", pond, "--skip-bq");

        AssertRefused(result, "no raw data");
        // Only the run's lock, which stays as the pond's lock file: no data.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(pond), f => !Path.GetFileName(f).StartsWith(Kollektivkart.Data.Pond.LocalPondLock.LockFile, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_on_a_missing_pond_folder_says_so()
    {
        using var folder = new TempFolder();

        var result = EtlProcess.Run("run", folder.Sub("nowhere"), "--skip-bq");

        AssertRefused(result, "does not exist");
        Assert.False(Directory.Exists(folder.Sub("nowhere")));
    }

    [Fact]
    public void Run_without_skip_bq_and_without_credentials_names_the_variable_to_set()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        var before = TempFolder.Snapshot(pond);

        var result = EtlProcess.Run("run", pond);

        AssertRefused(result, "GOOGLE_APPLICATION_CREDENTIALS");
        Assert.Equal(before, TempFolder.Snapshot(pond));
    }

    [Fact]
    public void A_corrupt_parquet_file_is_named_and_nothing_is_derived()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        var victim = Directory.EnumerateFiles(Path.Combine(pond, "arrivals.parquet"), "*.parquet", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(victim);
        File.WriteAllBytes(victim, bytes[..(bytes.Length / 2)]);
        var before = TempFolder.Snapshot(pond);

        var result = EtlProcess.Run("run", pond, "--skip-bq");

        AssertRefused(result, Path.GetFileName(victim));
        Assert.Equal(before, TempFolder.Snapshot(pond));
    }

    [Fact]
    public void An_empty_raw_partition_folder_is_named()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        Directory.CreateDirectory(Path.Combine(pond, "arrivals.parquet", "operatingDate=2025-04-02"));

        var result = EtlProcess.Run("run", pond, "--skip-bq");

        AssertRefused(result, "operatingDate=2025-04-02");
        Assert.False(Directory.Exists(Path.Combine(pond, "legs.parquet")));
    }

    [Fact]
    public void A_corrupt_stops_file_is_named()
    {
        using var folder = new TempFolder();
        var pond = demo.CopyTo(folder);
        File.WriteAllText(Path.Combine(pond, "stops.parquet"), "this is not parquet");

        var result = EtlProcess.Run("run", pond, "--skip-bq");

        AssertRefused(result, "stops.parquet");
        Assert.False(Directory.Exists(Path.Combine(pond, "legs.parquet")));
    }

    private static void AssertRefused(EtlResult result, string message)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
