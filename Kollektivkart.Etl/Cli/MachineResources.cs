using System.Globalization;

namespace Kollektivkart.Etl.Cli;

/// <summary>Defaults for DuckDB's limits, read from the machine as the original did with psutil.</summary>
internal static class MachineResources
{
    /// <summary>Physical cores (distinct core ids in /proc/cpuinfo), else the logical processor count.</summary>
    public static int PhysicalCores()
    {
        try
        {
            var cores = new HashSet<string>();
            string physical = "", core = "";
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("physical id", StringComparison.Ordinal)) { physical = line[(line.IndexOf(':') + 1)..].Trim(); }
                else if (line.StartsWith("core id", StringComparison.Ordinal)) { core = line[(line.IndexOf(':') + 1)..].Trim(); }
                else if (line.Length == 0 && core.Length > 0) { cores.Add(physical + "/" + core); core = ""; }
            }
            if (core.Length > 0) { cores.Add(physical + "/" + core); }
            return cores.Count > 0 ? Math.Min(cores.Count, Environment.ProcessorCount) : Environment.ProcessorCount;
        }
        catch (IOException)
        {
            return Environment.ProcessorCount;
        }
        catch (UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }

    /// <summary>80 % of available memory (MemAvailable, bounded by the cgroup limit .NET sees), in GB.</summary>
    public static double DefaultMemoryLimitGb()
    {
        var available = (double)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                available = Math.Min(available, kb * 1024.0);
            }
        }
        catch (IOException)
        {
        }
        return Math.Max(0.25, Math.Round(0.8 * available / 1e9, 1));
    }
}
