using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// A wrong setting ends the start with one line naming it as it was set, its value and what is allowed, and a non-zero
/// exit without a stack trace (not the abort, 134, of an unhandled exception). The site runs as the container runs it.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly TempFolder _pond = new();

    public static readonly TheoryData<string, string, string> WrongSettings = new()
    {
        { "STALE_AFTER_DAYS", "36500", "a whole number from 0 to 3650" },
        { "STALE_AFTER_DAYS", "three", "a whole number from 0 to 3650" },
        { "DRAIN_SECONDS", "-1", "a whole number from 0 to 300" },
        { "POND_REFRESH_SECONDS", "0", "a whole number from 1 to 86400" },
        { "Pond__RefreshSeconds", "1e3", "a whole number from 1 to 86400" },
        { "Pond__DemoDays", "3", "a whole number from 7 to 400" },
        { "Serving__StaleAfterDays", "-5", "a whole number from 0 to 3650" },
        { "Serving__OutputCache", "maybe", "true or false" },
        { "Serving__WarmUp", "yes", "true or false" },
        { "Map__TileUrl", "tiles.example.org", "an http(s) URL template with {z}, {x} and {y}" },
        { "Map__TileUrl", "https://tiles.example.org/tile.png", "an http(s) URL template with {z}, {x} and {y}" },
        { "STATIC_ASSETS_BASE_URL", "ftp://cdn.example.org", "an absolute http(s) URL" },
        { "PUBLIC_BASE_URL", "kollektivkart.no", "an absolute http or https URL" },
        { "FEED_TAG_AUTHORITY", "kollektivkart.no", "a domain and a date" },
        { "DUCKDB_S3_ENDPOINT", "ftp://127.0.0.1:4568", "a host name or an http(s) URL" },
        { "S3__PartSize", "1024", "at least 5242880" },
        { "DUCKDB_THREADS", "0", "a whole number of threads from 1 to 256" },
        { "DUCKDB_THREADS", "two", "a whole number of threads from 1 to 256" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_is_one_line_and_a_plain_exit(string variable, string value, string allowed)
    {
        using var web = WebProcess.Start(new Dictionary<string, string> { ["PARQUET_LOCATION"] = _pond.Path, [variable] = value });

        var code = await web.Exited(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, code);
        Assert.NotEqual(134, code);
        var line = Assert.Single(web.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"{variable}={value}", line, StringComparison.Ordinal);
        Assert.Contains(allowed, line, StringComparison.Ordinal);
        NoStackTrace.In(web.Output);
    }

    public void Dispose() => _pond.Dispose();
}
