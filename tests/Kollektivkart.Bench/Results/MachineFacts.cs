using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Kollektivkart.Bench.Results;

/// <summary>What the figures were measured on, read from /proc and the runtime; unknown facts read "unknown".</summary>
public sealed record MachineFacts(
    string CpuModel, int LogicalCores, double MemoryGb, string OperatingSystem, string DotNet,
    string GitCommit, string LoadAverageAtStart, DateTimeOffset Date)
{
    public static MachineFacts Collect(string repositoryRoot) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        Math.Round(MemoryKb("MemTotal") / 1024.0 / 1024.0, 1),
        OperatingSystemName(),
        RuntimeInformation.FrameworkDescription,
        ReadGitCommit(repositoryRoot),
        ReadOrUnknown("/proc/loadavg", text => string.Join(' ', text.Split(' ').Take(3))),
        DateTimeOffset.Now);

    /// <summary>A field of /proc/meminfo in kB (0 when unreadable).</summary>
    public static long MemoryKb(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string ReadCpuModel() => ReadOrUnknown("/proc/cpuinfo", text => text.Split('\n')
        .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
        .Select(l => l[(l.IndexOf(':') + 1)..].Trim())
        .FirstOrDefault() ?? "unknown");

    private static string OperatingSystemName() => ReadOrUnknown("/etc/os-release", text => text.Split('\n')
        .Where(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
        .Select(l => l["PRETTY_NAME=".Length..].Trim('"'))
        .FirstOrDefault() ?? RuntimeInformation.OSDescription) + ", Linux " + ReadOrUnknown("/proc/sys/kernel/osrelease", text => text.Trim());

    private static string ReadGitCommit(string repositoryRoot)
    {
        try
        {
            var commit = Git(repositoryRoot, "rev-parse", "--short=12", "HEAD");
            var dirty = Git(repositoryRoot, "status", "--porcelain", "--untracked-files=no").Length > 0;
            return commit + (dirty ? " (with uncommitted changes)" : "");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException("git failed");
    }

    private static string ReadOrUnknown(string file, Func<string, string> pick)
    {
        try
        {
            return pick(File.ReadAllText(file));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
