using System.Globalization;

namespace Kollektivkart.Data.DuckDb;

/// <summary>Resource limits handed to DuckDB (threads, memory_limit). Null means DuckDB's own default.</summary>
public sealed record DuckDbSettings(int? Threads = null, double? MemoryLimitGb = null)
{
    /// <summary>
    /// Caps DuckDB's threads in every connection of the process that names none (the site's, the job's without
    /// <c>--max-cpus</c>): for a machine shared with other work. Unset: DuckDB's default, one per core.
    /// </summary>
    public const string ThreadsVariable = "DUCKDB_THREADS";

    public const int MaxThreads = 256;

    /// <summary><see cref="ThreadsVariable"/> when it is set and allowed, else DuckDB's defaults.</summary>
    public static readonly DuckDbSettings Default = new(Threads: ParseThreads(Environment.GetEnvironmentVariable(ThreadsVariable)));

    /// <summary>What <see cref="ThreadsVariable"/> may be, for the message that refuses another value.</summary>
    public static readonly string ThreadsAllowed = $"a whole number of threads from 1 to {MaxThreads}, or unset for one per core";

    /// <summary><see cref="ThreadsVariable"/>'s value when it is set and not allowed, else null.</summary>
    public static string? WrongThreads()
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        return string.IsNullOrEmpty(text) || ParseThreads(text) is not null ? null : text;
    }

    private static int? ParseThreads(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads is >= 1 and <= MaxThreads
            ? threads
            : null;
}
