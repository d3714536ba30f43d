using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Pond;

public sealed class LocalPondTests
{
    [Fact]
    public void A_committed_partition_replaces_the_old_one_whole()
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);
        var partition = PartitionRef.Day(PondLayout.Legs, new DateOnly(2025, 3, 4));
        Commit(pond, partition, ("a.parquet", "old"), ("b.parquet", "old"));

        Commit(pond, partition, ("a.parquet", "new"));

        var files = Directory.GetFiles(Path.Combine(folder.Path, "legs.parquet", "operatingDate=2025-03-04"));
        var file = Assert.Single(files);
        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(["2025-03-04"], pond.PartitionValues(PondLayout.Legs, PondLayout.DayKey));
    }

    [Fact]
    public void Opening_sweeps_what_a_crashed_run_left_in_staging()
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);
        var staging = pond.BeginStaging();
        File.WriteAllText(Path.Combine(staging.NewFolder("legs-2025-03-04"), "data.parquet"), "half written");

        LocalPond.Open(folder.Path, create: false);

        Assert.False(Directory.Exists(Path.Combine(folder.Path, ".staging")));
        Assert.Empty(pond.PartitionValues(PondLayout.Legs, PondLayout.DayKey));
    }

    [Fact]
    public void Partition_values_are_sorted_and_other_folders_ignored()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "operatingDate=2025-03-05", "operatingDate=2025-03-04", "notes", "month=2025-03-01" })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, "legs.parquet", name));
        }
        var pond = LocalPond.Open(folder.Path, create: false);

        Assert.Equal(["2025-03-04", "2025-03-05"], pond.PartitionValues(PondLayout.Legs, PondLayout.DayKey));
        Assert.Empty(pond.PartitionValues(PondLayout.RouteName, PondLayout.DayKey));
    }

    [Fact]
    public void A_path_that_is_a_file_or_missing_is_refused_with_a_clear_message()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "file");
        File.WriteAllText(file, "x");

        Assert.Contains("is a file", Assert.Throws<PondException>(() => LocalPond.Open(file, create: true)).Message);
        Assert.Contains("does not exist", Assert.Throws<PondException>(() => LocalPond.Open(Path.Combine(folder.Path, "none"), create: false)).Message);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "none")));
    }

    private static void Commit(LocalPond pond, PartitionRef partition, params (string Name, string Text)[] files)
    {
        using var staging = pond.BeginStaging();
        var staged = staging.NewFolder("p");
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(staged, name), text);
        }
        pond.CommitPartition(staged, partition);
    }
}
