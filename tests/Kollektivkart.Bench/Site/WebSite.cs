using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Site;

/// <summary>
/// The site's build output run as production runs it (<c>dotnet Kollektivkart.Web.dll --urls ...</c>) on a free
/// port of 127.0.0.1, serving a pond folder; killed on dispose.
/// </summary>
public sealed class WebSite : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private WebSite(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>Resident memory now, MB.</summary>
    public double RssMb => MemorySampler.StatusKb(_process.Id, "VmRSS") / 1e3;

    /// <summary>Starts the site and waits for /ready 200; the time from process start to that answer.</summary>
    public static (WebSite Site, TimeSpan Ready) Start(BenchContext context, string dll, string pond, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(ChildProcess.DotNetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.Environment["PARQUET_LOCATION"] = pond;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DRAIN_SECONDS"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var site = new WebSite(Process.Start(info) ?? throw new BenchFailedException("dotnet did not start"), address);
        var ready = new Uri(address, "/ready");
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (site._process.HasExited)
            {
                throw new BenchFailedException($"the site exited with {site._process.ExitCode}:{Environment.NewLine}{site.Tail()}");
            }
            try
            {
                using var response = client.GetAsync(ready, context.Cancellation).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (site, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!context.Cancellation.IsCancellationRequested)
            {
            }
            Thread.Sleep(5);
        }
        site.Dispose();
        throw new BenchFailedException($"the site was not ready within 120 s:{Environment.NewLine}{site.Tail()}");
    }

    /// <summary>
    /// Waits until the site has used under 5 % of a core for 300 ms: requests that wrk gave up on are still being
    /// answered after it stops, and would otherwise slow the next run down.
    /// </summary>
    public void WaitUntilIdle(CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var before = CpuTicks();
        while (DateTime.UtcNow < deadline)
        {
            cancellation.ThrowIfCancellationRequested();
            Thread.Sleep(300);
            var now = CpuTicks();
            // Clock ticks are 10 ms: under 2 ticks in 300 ms is under 7 % of one core.
            if (now - before < 2)
            {
                return;
            }
            before = now;
        }
    }

    /// <summary>User and system CPU time of the process so far, in clock ticks (/proc/PID/stat fields 14 and 15).</summary>
    private long CpuTicks()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public string Tail(int lines = 10)
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(lines));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
