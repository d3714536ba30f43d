using System.Diagnostics;

namespace Kollektivkart.Bench.Running;

/// <summary>How a child process went: exit code, wall time, peak memory of it and its children, its output lines.</summary>
public sealed record ChildResult(int ExitCode, TimeSpan Elapsed, long PeakRssBytes, IReadOnlyList<string> Output)
{
    public double PeakRssMb => PeakRssBytes / 1e6;

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 5) => string.Join(Environment.NewLine, Output.TakeLast(lines));
}

/// <summary>
/// Runs a program to its end as a benchmark sees it: stdout and stderr read line by line (both
/// redirected, so the job logs plain lines instead of drawing bars), memory sampled from /proc
/// every 50 ms while it runs. Ctrl+C kills the child and its children.
/// </summary>
public static class ChildProcess
{
    public static ChildResult Run(
        string program, IEnumerable<string> arguments, string workingFolder, CancellationToken cancellation,
        Action<string>? onLine = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The job's console logger and .NET's telemetry notice should not vary between runs.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchFailedException($"{program} did not start.");
        process.StandardInput.Close();
        void Collect(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
                onLine?.Invoke(e.Data);
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var sampler = new MemorySampler(process.Id);
        using var registration = cancellation.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        });
        while (!process.WaitForExit(50))
        {
            sampler.Sample();
        }
        process.WaitForExit();
        clock.Stop();
        cancellation.ThrowIfCancellationRequested();
        lock (output)
        {
            return new ChildResult(process.ExitCode, clock.Elapsed, sampler.PeakBytes, output.ToList());
        }
    }

    /// <summary>The .NET host running this program (dotnet), to start the projects' build outputs with.</summary>
    public static string DotNetHost() => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
        ? path
        : "dotnet";
}
