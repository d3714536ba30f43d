using System.Globalization;

namespace Kollektivkart.Bench.Running;

/// <summary>
/// Peak resident memory of a process and its descendants, from /proc: the largest sum of their
/// VmRSS seen in a sample, or the root's own high-water mark (VmHWM) if that is larger, since
/// the kernel keeps that one between samples.
/// </summary>
public sealed class MemorySampler(int rootPid)
{
    public long PeakBytes { get; private set; }

    public void Sample()
    {
        var tree = Descendants(rootPid).Prepend(rootPid);
        long sum = 0;
        foreach (var pid in tree)
        {
            sum += StatusKb(pid, "VmRSS") * 1024;
        }
        var rootHighWater = StatusKb(rootPid, "VmHWM") * 1024;
        PeakBytes = Math.Max(PeakBytes, Math.Max(sum, rootHighWater));
    }

    /// <summary>A kB field of /proc/{pid}/status; 0 once the process is gone.</summary>
    public static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    // "VmRSS:\t  123456 kB": a tab after the name, and no space at all once the number fills its 8 columns.
                    return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var children = new List<int>();
        foreach (var task in SafeEnumerate($"/proc/{pid}/task"))
        {
            var file = Path.Combine(task, "children");
            try
            {
                children.AddRange(File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }
        return children.SelectMany(child => Descendants(child).Prepend(child));
    }

    private static IEnumerable<string> SafeEnumerate(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
