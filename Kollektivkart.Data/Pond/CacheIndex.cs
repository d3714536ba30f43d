using System.Globalization;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// The ETag each cached file has in the bucket, so a run need not hash the whole cache to know
/// which files are current. An entry counts only while the file's size and write time are the ones
/// recorded with it; anything else is hashed again. A lost or stale index costs time, never correctness.
/// </summary>
internal sealed class CacheIndex
{
    public const string FileName = ".etags.tsv";

    private readonly string _path;
    private readonly Dictionary<string, (long Size, long Ticks, string ETag)> _entries;
    private readonly Lock _gate = new();

    private CacheIndex(string path, Dictionary<string, (long, long, string)> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static CacheIndex Load(string root)
    {
        var path = Path.Combine(root, FileName);
        var entries = new Dictionary<string, (long, long, string)>(StringComparer.Ordinal);
        foreach (var leftover in Directory.EnumerateFiles(root, FileName + ".*"))
        {
            File.Delete(leftover);
        }
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var fields = line.Split('\t');
                if (fields.Length == 4
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    entries[fields[0]] = (size, ticks, fields[3]);
                }
            }
        }
        return new CacheIndex(path, entries);
    }

    /// <summary>The recorded ETag of the file, if it is unchanged since it was recorded.</summary>
    public string? ETagOf(string key, FileInfo file)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) && entry.Size == file.Length && entry.Ticks == file.LastWriteTimeUtc.Ticks
                ? entry.ETag
                : null;
        }
    }

    public void Record(string key, FileInfo file, string etag)
    {
        file.Refresh();
        lock (_gate)
        {
            _entries[key] = (file.Length, file.LastWriteTimeUtc.Ticks, ETags.Normalize(etag));
        }
    }

    public void Forget(string key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>Writes the index aside and renames it into place.</summary>
    public void Save()
    {
        string[] lines;
        lock (_gate)
        {
            lines = _entries.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}\t{e.Value.Size}\t{e.Value.Ticks}\t{e.Value.ETag}"))
                .ToArray();
        }
        var temporary = _path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, _path, overwrite: true);
    }
}
