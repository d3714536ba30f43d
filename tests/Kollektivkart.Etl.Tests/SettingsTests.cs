using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests;

/// <summary>
/// A wrong environment variable stops a command before it does anything: one line naming the variable, its value and
/// what is allowed, exit code 2 (a usage error), no stack trace, no pond written; even the CDN's settings, which the
/// nightly run reads only at its end.
/// </summary>
public sealed class SettingsTests
{
    private const string BunnyZone = "BUNNY_STORAGE_ZONE=zone;BUNNY_STORAGE_KEY=key";

    public static readonly TheoryData<string, string, string, string, string> WrongSettings = new()
    {
        // command, variable, value, other variables ("A=1;B=2"), what the line says is allowed
        { "demo", "POND_LOCK_LEASE_MINUTES", "0", "", "a number of minutes above 0 and at most a week" },
        { "run", "POND_LOCK_LEASE_MINUTES", "six hours", "", "a number of minutes above 0 and at most a week" },
        { "demo", "DUCKDB_S3_ENDPOINT", "ftp://127.0.0.1:4568", "", "a host name or an http(s) URL" },
        { "run", "DUCKDB_THREADS", "0", "", "a whole number of threads from 1 to 256" },
        { "demo", "DUCKDB_THREADS", "-2", "", "a whole number of threads from 1 to 256" },
        { "run", "DUCKDB_S3_ENDPOINT", "http://", "", "a host name or an http(s) URL" },
        { "run-bq", "BIGQUERY_ENDPOINT", "ftp://127.0.0.1:9050", "", "a host or an http(s) URL" },
        { "run", "BUNNY_STORAGE_ENDPOINT", "ftp://storage.bunnycdn.com", BunnyZone, "a host name or an http(s) URL" },
        { "run", "BUNNY_API_ENDPOINT", "https://api.bunny.net?x=1", BunnyZone, "a host name or an http(s) URL" },
        { "run", "BUNNY_PULL_ZONE_ID", "zone-7", BunnyZone + ";BUNNY_API_KEY=api", "the pull zone's number" },
        { "cdn-push", "BUNNY_STORAGE_ENDPOINT", "ftp://storage.bunnycdn.com", BunnyZone, "a host name or an http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void A_wrong_setting_is_one_line_before_any_work(string command, string variable, string value, string others, string allowed)
    {
        using var folder = new TempFolder();
        var pond = folder.Sub("pond");
        var environment = others.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], string? (pair) => pair[1]);
        environment[variable] = value;
        string[] args = command switch
        {
            "demo" => ["demo", pond, "--days", "1"],
            "run" => ["run", pond, "--skip-bq"],
            "run-bq" => ["run", pond],
            _ => [command, "--dry-run"],
        };

        var result = EtlProcess.Run(environment, args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(variable, line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
        Assert.Contains(allowed, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(pond), "a refused command must not create the pond");
    }
}
