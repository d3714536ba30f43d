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

    /// <summary>Runs to the end (or kills it after <paramref name="timeout"/>); stdout and stderr together, in order of arrival.</summary>
    public static async Task<Result> Run(
        string command, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
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
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}:\n{Text(output)}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
