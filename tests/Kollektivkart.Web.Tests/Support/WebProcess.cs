using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Kollektivkart.Testing;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// The built site run as its own process, as the container runs it (<c>dotnet Kollektivkart.Web.dll</c>),
/// on a free port of 127.0.0.1. Killed on dispose if it is still running.
/// </summary>
public sealed partial class WebProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Process Process => _process;

    public string Output => string.Join('\n', _output);

    /// <summary>The site's own build output, in the tests' configuration.</summary>
    public static string Dll => BuildOutput.Of("Kollektivkart.Web", "Kollektivkart.Web.dll");

    public static WebProcess Start(IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
        };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "PARQUET_LOCATION", "STALE_AFTER_DAYS", "DRAIN_SECONDS" })
        {
            info.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return new WebProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>The address Kestrel logged ("Now listening on: http://127.0.0.1:PORT").</summary>
    public async Task<Uri> Listening(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_listening.Task, Task.Delay(timeout), _process.WaitForExitAsync());
        Assert.True(done == _listening.Task, $"the site did not log its address within {timeout.TotalSeconds} s:\n{Output}");
        return await _listening.Task;
    }

    /// <summary>Its address, once /ready answers 200 (stats.db loaded).</summary>
    public async Task<Uri> Ready(TimeSpan timeout)
    {
        var address = await Listening(timeout);
        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var ready = await http.GetAsync("/ready");
            if (ready.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return address;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the site did not get ready within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Its exit code, once it has ended on its own and its output is read; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> Exited(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the site was still running after {timeout.TotalSeconds} s:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>What systemd or podman sends to stop it.</summary>
    public void Terminate() => Assert.Equal(0, Kill(_process.Id, SigTerm));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
