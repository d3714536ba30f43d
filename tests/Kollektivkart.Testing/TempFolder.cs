using System.Security.Cryptography;

namespace Kollektivkart.Testing;

/// <summary>A temporary folder deleted on dispose, with a way to fingerprint everything in it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kollektivkart-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies every file below <paramref name="source"/> to the same place below <paramref name="target"/>; returns <paramref name="target"/>.</summary>
    public static string CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>Every file below <paramref name="folder"/> with its size, write time and SHA-256: equal snapshots mean nothing was written.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new Dictionary<string, string>();
        }
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                f => System.IO.Path.GetRelativePath(folder, f),
                f =>
                {
                    var info = new FileInfo(f);
                    using var stream = File.OpenRead(f);
                    return $"{info.Length} {info.LastWriteTimeUtc.Ticks} {Convert.ToHexString(SHA256.HashData(stream))}";
                });
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
