namespace Kollektivkart.Data.Pond;

/// <summary>
/// The data pond: raw and derived datasets as Parquet, hive-partitioned by day or month.
/// DuckDB always works on a local folder (<see cref="Root"/>); a remote pond keeps a local copy there.
/// Every write goes to a staging folder first and is committed whole, so readers never see half a partition.
/// </summary>
public interface IPond
{
    /// <summary>The pond as the user named it (folder or s3:// URL), for messages.</summary>
    string Location { get; }

    /// <summary>Local folder holding the pond's files, where DuckDB reads and writes.</summary>
    string Root { get; }

    /// <summary>Values of the partition key present in a dataset, sorted (e.g. operating dates).</summary>
    IReadOnlyList<string> PartitionValues(string dataset, string key);

    bool FileExists(string name);

    /// <summary>A fresh folder inside the pond's file system to write into before committing.</summary>
    StagingArea BeginStaging();

    /// <summary>Moves a staged folder into place as one partition, replacing any earlier version of it.</summary>
    void CommitPartition(string stagedFolder, PartitionRef partition);

    /// <summary>Moves a staged file into place under <paramref name="name"/>, replacing any earlier version.</summary>
    void CommitFile(string stagedFile, string name);

    /// <summary>Removes a partition (used when a recomputation yields nothing for it).</summary>
    void DeletePartition(PartitionRef partition);
}

/// <summary>One hive partition: <c>{Dataset}/{Key}={Value}/</c>.</summary>
public readonly record struct PartitionRef(string Dataset, string Key, string Value)
{
    public string RelativePath => Path.Combine(Dataset, $"{Key}={Value}");

    public static PartitionRef Day(string dataset, DateOnly day) =>
        new(dataset, PondLayout.DayKey, PondLayout.Format(day));

    public static PartitionRef Month(string dataset, DateOnly month) =>
        new(dataset, PondLayout.MonthKey, PondLayout.Format(new DateOnly(month.Year, month.Month, 1)));
}
