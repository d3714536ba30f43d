using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// The one run that may write a pond: <c>run</c> and <c>demo</c> take it before they open the pond
/// (opening sweeps staging leftovers, which must not be another live run's) and release it on exit.
/// A folder's lock is an OS file lock, an S3 pond's a lock object with a lease.
/// </summary>
public abstract class PondLock : IDisposable
{
    /// <summary>Cancelled when the lock turns out to be someone else's while the run works (an S3 lease taken over).</summary>
    public virtual CancellationToken Lost => CancellationToken.None;

    public abstract void Dispose();
}

/// <summary>Who holds a pond's lock; <see cref="Token"/> tells two holders on one host and process id apart.</summary>
public sealed record PondLockHolder(string Host, int ProcessId, DateTimeOffset Started, string Token)
{
    public static PondLockHolder Me(TimeProvider clock) =>
        new(Environment.MachineName, Environment.ProcessId, clock.GetUtcNow(), Guid.NewGuid().ToString("N"));

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The holder a lock file or object names, or null when it names none (empty, cut short, foreign).</summary>
    public static PondLockHolder? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PondLockHolder>(json) is { Host: not null, Token: not null } holder ? holder : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"host {Host}, process {ProcessId}";
}

/// <summary>Another live run holds the pond: the job exits with code 3 and this one-line message.</summary>
public sealed class PondLockedException(string location, PondLockHolder? holder, TimeSpan? held)
    : Exception(holder is null
        ? $"pond {location} is locked by another run (its holder could not be read); try again when it has finished."
        : $"pond {location} is locked by a run on {holder} for {Duration(held ?? TimeSpan.Zero)} (since {holder.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC); try again when it has finished.")
{
    public PondLockHolder? Holder { get; } = holder;

    internal static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalMinutes < 1 ? $"{span.Seconds} s"
            : span.TotalHours < 1 ? $"{span.Minutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";
    }
}

/// <summary>The lease of an S3 pond's lock, from <c>POND_LOCK_LEASE_MINUTES</c>.</summary>
public sealed record PondLockOptions(TimeSpan Lease)
{
    public const string LeaseVariable = "POND_LOCK_LEASE_MINUTES";

    /// <summary>Longer than any run seen; a live run renews its lease long before, so only a dead holder's runs out.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromHours(6);

    public static PondLockOptions FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(LeaseVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PondLockOptions(DefaultLease);
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || !(minutes > 0) || minutes > 7 * 24 * 60)
        {
            throw new PondException($"{LeaseVariable} must be a number of minutes above 0 and at most a week, got '{text}'.");
        }
        return new PondLockOptions(TimeSpan.FromMinutes(minutes));
    }

    /// <summary>A live holder renews four times per lease, so one late or failed renewal never lets it lapse.</summary>
    public TimeSpan RenewEvery => TimeSpan.FromTicks(Math.Max(Lease.Ticks / 4, TimeSpan.TicksPerSecond));
}

/// <summary>
/// A folder pond's lock: <c>.lock</c> held open exclusively (flock underneath) for the life of the
/// process, which the OS releases however the process ends, even by SIGKILL; <c>.lock.holder</c>
/// names the holder for the message a second run shows (the locked file itself cannot be read by
/// another process). A holder file left behind while the lock is free is a dead holder's.
/// </summary>
public sealed class LocalPondLock : PondLock
{
    public const string LockFile = ".lock";
    public const string HolderFile = ".lock.holder";

    private readonly FileStream _lock;
    private readonly string _holderPath;

    private LocalPondLock(FileStream held, string holderPath)
    {
        _lock = held;
        _holderPath = holderPath;
    }

    /// <summary>Takes the lock of the pond folder <paramref name="root"/>, or throws <see cref="PondLockedException"/>.</summary>
    public static LocalPondLock Take(string root, string location, ILogger logger, TimeProvider clock)
    {
        var holderPath = Path.Combine(root, HolderFile);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(root, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(Path.Combine(root, LockFile)))
        {
            var holder = PondLockHolder.Parse(ReadHolder(holderPath));
            throw new PondLockedException(location, holder, clock.GetUtcNow() - holder?.Started);
        }
        if (PondLockHolder.Parse(ReadHolder(holderPath)) is { } dead)
        {
            logger.LogWarning(
                "Taking over the lock of {Pond} from the run on {Holder} started {Started:u}: that process is gone",
                location, dead.ToString(), dead.Started);
        }
        var me = PondLockHolder.Me(clock);
        var staged = holderPath + "." + me.Token;
        File.WriteAllText(staged, me.ToJson());
        File.Move(staged, holderPath, overwrite: true);
        return new LocalPondLock(held, holderPath);
    }

    public override void Dispose()
    {
        // The holder file goes first: once the file lock is free, a holder file means a dead holder.
        File.Delete(_holderPath);
        _lock.Dispose();
    }

    private static string? ReadHolder(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
