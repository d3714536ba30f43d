using System.Globalization;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// A stats.db to open: where it is, which version of the pond's it is, whether it is a downloaded copy, and the pond's
/// file it is, for messages (the path, or the s3:// address of a copy).
/// </summary>
public sealed record StatsDbFile(string Path, string Version, bool Downloaded, string Origin);

/// <summary>Where the served stats.db comes from: the pond folder itself, or a copy of an S3 pond's.</summary>
public abstract class StatsDbSource : IDisposable
{
    /// <summary>
    /// A stats.db of another version than <paramref name="currentVersion"/> (the one served or last refused; null: none
    /// looked at yet), ready to open; null when the pond holds that version still.
    /// </summary>
    public abstract Task<StatsDbFile?> Newer(string? currentVersion, CancellationToken cancellationToken);

    /// <summary>Removes a file that is no longer served, and leftovers of earlier ones.</summary>
    public virtual void Release(StatsDbFile file)
    {
    }

    /// <summary>Removes leftovers: files of earlier versions that nothing serves any more.</summary>
    public virtual void Sweep()
    {
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>The pond's own stats.db; its size and write time tell when the job has swapped in a new one.</summary>
public sealed class FolderStatsDbSource(string folder) : StatsDbSource
{
    public override Task<StatsDbFile?> Newer(string? currentVersion, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Path.Combine(Path.GetFullPath(folder), PondLayout.StatsDb));
        if (!file.Exists)
        {
            // StatsDatabase.Open says what is missing; a file gone while one is served changes nothing.
            return Task.FromResult(currentVersion is null ? new StatsDbFile(file.FullName, "missing", false, file.FullName) : null);
        }
        var version = string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}");
        return Task.FromResult(version == currentVersion ? null : new StatsDbFile(file.FullName, version, false, file.FullName));
    }
}

/// <summary>
/// An S3 pond's stats.db, downloaded into a cache folder as <c>stats-{ETag}.db</c>: a copy with the
/// ETag the bucket has now is reused, a new one is downloaded aside and renamed into place. While a
/// copy is served this process holds a shared lock on it, so several processes may share the folder:
/// a copy is deleted only when nobody holds it.
/// </summary>
public sealed class S3StatsDbSource(S3Store store, string folder, Action<string> report) : StatsDbSource
{
    private const string FilePrefix = "stats-";
    private const string FileSuffix = ".db";
    private const string PartSuffix = ".part";

    private readonly Dictionary<string, FileStream> _held = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Folder => folder;

    public override async Task<StatsDbFile?> Newer(string? currentVersion, CancellationToken cancellationToken)
    {
        var published = await store.Head(PondLayout.StatsDb, cancellationToken).ConfigureAwait(false)
            ?? throw new PondException($"{store.Location}/{PondLayout.StatsDb} does not exist: run the nightly job (`run {store.Location}`) to publish it.");
        if (published.ETag == currentVersion)
        {
            return null;
        }
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FilePrefix + Safe(published.ETag) + FileSuffix);
        if (!File.Exists(path) || new FileInfo(path).Length != published.Size)
        {
            report($"downloading {store.Location}/{PondLayout.StatsDb} ({published.Size / 1e6:F1} MB)");
            var part = $"{path}.{Guid.NewGuid():N}{PartSuffix}";
            try
            {
                await store.Download(published, part, null, cancellationToken).ConfigureAwait(false);
                File.Move(part, path, overwrite: true);
            }
            finally
            {
                File.Delete(part);
            }
        }
        Hold(path);
        return new StatsDbFile(path, published.ETag, Downloaded: true, $"{store.Location}/{PondLayout.StatsDb}");
    }

    public override void Release(StatsDbFile file)
    {
        lock (_gate)
        {
            if (_held.Remove(file.Path, out var stream))
            {
                stream.Dispose();
            }
        }
        TryDelete(file.Path);
        Sweep();
    }

    /// <summary>Deletes copies nobody holds, and downloads abandoned over an hour ago.</summary>
    public override void Sweep()
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var copy in Directory.EnumerateFiles(folder, FilePrefix + "*" + FileSuffix))
        {
            bool held;
            lock (_gate)
            {
                held = _held.ContainsKey(copy);
            }
            if (!held)
            {
                TryDelete(copy);
            }
        }
        foreach (var part in Directory.EnumerateFiles(folder, FilePrefix + "*" + PartSuffix))
        {
            if (File.GetLastWriteTimeUtc(part) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(part);
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            foreach (var stream in _held.Values)
            {
                stream.Dispose();
            }
            _held.Clear();
        }
        store.Dispose();
        base.Dispose();
    }

    /// <summary>A shared lock for as long as the copy is served (.NET takes flock(LOCK_SH) for a shared open).</summary>
    private void Hold(string path)
    {
        lock (_gate)
        {
            if (!_held.ContainsKey(path))
            {
                _held[path] = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            }
        }
    }

    /// <summary>Deletes the copy unless some process holds it (an exclusive open fails then).</summary>
    private static void TryDelete(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            File.Delete(path);
        }
        catch (FileNotFoundException)
        {
        }
        catch (IOException)
        {
            // Held by another process sharing the folder: the one that lets go of it last deletes it.
        }
    }

    private static string Safe(string etag) =>
        new(etag.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}
