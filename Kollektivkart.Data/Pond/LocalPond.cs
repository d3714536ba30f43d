namespace Kollektivkart.Data.Pond;

/// <summary>A pond in a local folder. Commits are renames within one file system, hence atomic.</summary>
public sealed class LocalPond : IPond
{
    internal const string StagingFolder = ".staging";

    private LocalPond(string location, string root)
    {
        Location = location;
        Root = root;
    }

    public string Location { get; }

    public string Root { get; }

    /// <summary>Opens (and creates, if <paramref name="create"/>) a pond folder, sweeping staging leftovers of crashed runs.</summary>
    public static LocalPond Open(string path, bool create)
    {
        var root = Folder(path, create);
        var staging = Path.Combine(root, StagingFolder);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        return new LocalPond(path, root);
    }

    /// <summary>The pond folder's full path, checked to be a folder (and created, if <paramref name="create"/>).</summary>
    public static string Folder(string path, bool create)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PondException("The pond path is empty.");
        }
        var root = Path.GetFullPath(path);
        if (File.Exists(root))
        {
            throw new PondException($"The pond path {path} is a file, not a folder.");
        }
        if (!Directory.Exists(root))
        {
            if (!create)
            {
                throw new PondException($"The pond folder {path} does not exist.");
            }
            Directory.CreateDirectory(root);
        }
        return root;
    }

    public IReadOnlyList<string> PartitionValues(string dataset, string key)
    {
        var folder = Path.Combine(Root, dataset);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var prefix = key + "=";
        return Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => name[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public bool FileExists(string name) => File.Exists(Path.Combine(Root, name));

    public StagingArea BeginStaging() =>
        new(Path.Combine(Root, StagingFolder, Guid.NewGuid().ToString("N")));

    public void CommitPartition(string stagedFolder, PartitionRef partition)
    {
        var target = Path.Combine(Root, partition.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // The old version leaves the dataset first: a crash in between leaves the partition
        // absent (recomputed next run), never half old and half new.
        Retire(target);
        Directory.Move(stagedFolder, target);
    }

    public void CommitFile(string stagedFile, string name)
    {
        var target = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(stagedFile, target, overwrite: true);
    }

    public void DeletePartition(PartitionRef partition) => Retire(Path.Combine(Root, partition.RelativePath));

    /// <summary>Moves a folder into staging (one rename, so it vanishes at once) and deletes it there.</summary>
    private void Retire(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        var retired = Path.Combine(Root, StagingFolder, "retired-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(retired)!);
        Directory.Move(folder, retired);
        Directory.Delete(retired, recursive: true);
    }
}
