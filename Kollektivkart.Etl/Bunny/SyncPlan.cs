using System.Security.Cryptography;

namespace Kollektivkart.Etl.Bunny;

/// <summary>A file of the local asset folder, by its path below the folder (<c>css/site.css</c>).</summary>
public sealed record LocalAsset(string Path, string FullPath, long Length, string Sha256)
{
    public string ContentType => ContentTypes.For(Path);

    /// <summary>Every file below <paramref name="folder"/>, hashed (uppercase hex SHA-256, as Bunny lists checksums).</summary>
    public static IReadOnlyList<LocalAsset> Scan(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file =>
            {
                using var stream = File.OpenRead(file);
                var hash = Convert.ToHexString(SHA256.HashData(stream));
                var path = System.IO.Path.GetRelativePath(folder, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
                return new LocalAsset(path, file, stream.Length, hash);
            })
            .OrderBy(a => a.Path, StringComparer.Ordinal)
            .ToList();
}

/// <summary>
/// What a push does: upload what is new or whose content differs (HTML last, so a page never
/// refers to an asset not yet there), then delete what exists only remotely.
/// </summary>
public sealed record SyncPlan(IReadOnlyList<LocalAsset> Uploads, IReadOnlyList<RemoteFile> Deletions, int Unchanged)
{
    public bool ChangesNothing => Uploads.Count == 0 && Deletions.Count == 0;

    public long UploadBytes => Uploads.Sum(u => u.Length);

    public static SyncPlan Between(IReadOnlyList<LocalAsset> local, IReadOnlyList<RemoteFile> remote)
    {
        var remoteByPath = remote.ToDictionary(r => r.Path, StringComparer.Ordinal);
        var localPaths = local.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        var uploads = local
            .Where(l => !remoteByPath.TryGetValue(l.Path, out var r) || !SameContent(l, r))
            .OrderBy(l => ContentTypes.IsHtml(l.Path))
            .ThenBy(l => l.Path, StringComparer.Ordinal)
            .ToList();
        var deletions = remote
            .Where(r => !localPaths.Contains(r.Path))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        return new SyncPlan(uploads, deletions, local.Count - uploads.Count);
    }

    /// <summary>A remote file without a checksum (Bunny leaves some unset) is uploaded again rather than trusted.</summary>
    private static bool SameContent(LocalAsset local, RemoteFile remote) =>
        remote.Checksum is { } checksum
        && remote.Length == local.Length
        && string.Equals(checksum, local.Sha256, StringComparison.OrdinalIgnoreCase);
}
