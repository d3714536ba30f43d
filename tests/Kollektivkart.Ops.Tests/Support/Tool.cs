using System.Diagnostics;
using System.Text;

namespace Kollektivkart.Ops.Tests.Support;

/// <summary>Runs the Debian tools the ops checks rely on; a missing one fails the test with how to install it.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Fails (never skips) when <paramref name="command"/> is not on PATH.</summary>
    public static string Require(string command, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            $"{command} is missing: run scripts/install-test-deps (or apt-get install {package}); ./test.sh does it for you.");
        return found;
    }

    /// <summary>
    /// Runs to the end (or kills it after <paramref name="timeout"/>); stdout and stderr together, in order of arrival.
    /// <paramref name="onLine"/> sees each line as it arrives, to act at a step of a long run.
    /// </summary>
    public static async Task<Result> Run(
        string command, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, Action<string>? onLine = null)
    {
        await using var running = Start(command, arguments, workingDirectory, environment, onLine);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await running.Process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{command} {string.Join(' ', arguments)} did not finish within {timeout}:\n{running.Output}");
        }
        // The parameterless wait also waits for the last output lines.
        running.Process.WaitForExit();
        return new Result(running.Process.ExitCode, running.Output);
    }

    /// <summary>Starts a process that keeps running (a server); its output is kept, and disposing kills it.</summary>
    public static RunningProcess Start(
        string command, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return new RunningProcess(info, onLine);
    }

    public sealed class RunningProcess : IAsyncDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly Action<string>? _onLine;

        internal RunningProcess(ProcessStartInfo info, Action<string>? onLine)
        {
            _onLine = onLine;
            Process = new Process { StartInfo = info };
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>stdout and stderr so far, in order of arrival.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(line);
                _onLine?.Invoke(line);
            }
        }
    }
}
