namespace Kollektivkart.Data.Pond;

/// <summary>
/// A private folder for work in progress. Whatever is not committed out of it is deleted on dispose,
/// and a crashed run's leftovers are swept by <see cref="LocalPond"/> on open.
/// </summary>
public sealed class StagingArea : IDisposable
{
    public StagingArea(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    /// <summary>A new empty sub-folder, e.g. one partition's worth of files.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public string FilePath(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
