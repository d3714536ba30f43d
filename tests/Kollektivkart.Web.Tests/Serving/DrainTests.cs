using System.Diagnostics;
using System.Net;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// The built site as its own process: on SIGTERM /ready turns 503 at once, pages are still served
/// through the drain period, and then the process exits cleanly.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DrainTests(SiteData data)
{
    // Long enough that the checks during the drain fit in it on a busy 2-core machine.
    private const int DrainSeconds = 6;

    [Fact]
    public async Task Sigterm_takes_the_site_out_of_rotation_serves_through_the_drain_and_exits_cleanly()
    {
        using var web = WebProcess.Start(new Dictionary<string, string>
        {
            ["PARQUET_LOCATION"] = data.DemoPond,
            ["DRAIN_SECONDS"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient { BaseAddress = await web.Listening(TimeSpan.FromSeconds(60)), Timeout = TimeSpan.FromSeconds(10) };
        await Until(http, HttpStatusCode.OK, TimeSpan.FromSeconds(60), web);
        const string page = "/2025/2/15/hot-spots";
        using (var before = await http.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        web.Terminate();

        // The 503 and the page both come from the draining process: once it has stopped, neither is answered at all.
        await Until(http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(DrainSeconds), web);
        using (var during = await http.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        }
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await web.Process.WaitForExitAsync(exit.Token);
        var stopped = clock.Elapsed;

        Assert.Equal(0, web.Process.ExitCode);
        // A busy machine only makes the exit later; it can never make it earlier than the drain.
        Assert.True(stopped >= TimeSpan.FromSeconds(DrainSeconds - 0.5), $"exited {stopped} after SIGTERM, before the {DrainSeconds} s drain");
        // Well before the host's shutdown timeout (drain + 15 s) would have ended it.
        Assert.True(stopped < TimeSpan.FromSeconds(DrainSeconds + 10), $"exited only {stopped} after SIGTERM");
        Assert.Contains("Shutting down: /ready answers 503", web.Output, StringComparison.Ordinal);
    }

    private static async Task Until(HttpClient http, HttpStatusCode status, TimeSpan timeout, WebProcess web)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (deadline.Elapsed < timeout)
        {
            using var response = await http.GetAsync("/ready");
            last = response.StatusCode;
            if (last == status)
            {
                return;
            }
            await Task.Delay(25);
        }
        Assert.Fail($"/ready did not answer {(int)status} within {timeout.TotalSeconds} s (last {last}):\n{web.Output}");
    }
}
