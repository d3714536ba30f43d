using Kollektivkart.Data.Demo;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;

namespace Kollektivkart.Data.Tests.Demo;

public sealed class DemoGeneratorTests
{
    private static readonly DemoOptions Small = new(new DateOnly(2024, 3, 8), Days: 2, Scale: 0.02, Seed: 7);

    [Fact]
    public void Same_options_write_byte_identical_files_and_another_seed_other_arrivals()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        using var otherSeed = new TempFolder();

        DemoGenerator.Generate(LocalPond.Open(first.Path, create: true), Small);
        DemoGenerator.Generate(LocalPond.Open(second.Path, create: true), Small);
        DemoGenerator.Generate(LocalPond.Open(otherSeed.Path, create: true), Small with { Seed = 8 });

        var files = RelativeFiles(first.Path);
        Assert.Contains(PondLayout.Stops, files);
        Assert.Contains(PondLayout.Quays, files);
        Assert.Equal(2, files.Count(f => f.StartsWith(PondLayout.Arrivals, StringComparison.Ordinal)));
        Assert.Equal(files, RelativeFiles(second.Path));
        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(first.Path, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second.Path, file))),
                $"{file} differs between two runs with the same options");
        }
        var arrivals = files.Where(f => f.StartsWith(PondLayout.Arrivals, StringComparison.Ordinal)).ToList();
        Assert.Equal(arrivals, RelativeFiles(otherSeed.Path).Where(f => f.StartsWith(PondLayout.Arrivals, StringComparison.Ordinal)));
        foreach (var file in arrivals)
        {
            Assert.False(
                File.ReadAllBytes(Path.Combine(first.Path, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(otherSeed.Path, file))),
                $"{file} is the same for seeds 7 and 8");
        }
    }

    [Theory]
    [InlineData(0, 0.05, "Days")]
    [InlineData(-3, 0.05, "Days")]
    [InlineData(1, 0, "Scale")]
    [InlineData(1, -1, "Scale")]
    [InlineData(1, 5.5, "Scale")]
    [InlineData(1, double.NaN, "Scale")]
    public void Bad_options_throw_and_write_nothing(int days, double scale, string named)
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);

        var error = Assert.Throws<ArgumentException>(() => DemoGenerator.Generate(pond, new DemoOptions(new DateOnly(2024, 3, 1), days, scale)));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Progress_is_reported_per_day_and_cancellation_stops_before_the_next_day()
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<DemoProgress>();
        var progress = new InlineProgress(p =>
        {
            reports.Add(p);
            cancellation.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => DemoGenerator.Generate(pond, Small with { Days = 3 }, progress, cancellation.Token));

        var report = Assert.Single(reports);
        Assert.Equal(new DemoProgress(1, 3, report.Rows, Small.From), report);
        Assert.True(report.Rows > 10_000, $"only {report.Rows} rows in a day");
        Assert.Equal([PondLayout.Format(Small.From)], pond.PartitionValues(PondLayout.Arrivals, PondLayout.DayKey));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder.Path, ".staging"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Summary_counts_what_was_written()
    {
        using var folder = new TempFolder();
        var pond = LocalPond.Open(folder.Path, create: true);

        var summary = DemoGenerator.Generate(pond, Small with { Days = 1 });

        Assert.Equal(1, summary.Days);
        Assert.True(summary.Operators >= 8);
        Assert.True(summary.Lines >= summary.Operators);
        Assert.True(summary.Quays > summary.Stops && summary.Stops > 100, summary.ToString());
        using var connection = DuckDbConnections.OpenInMemory();
        Assert.Equal(summary.Arrivals, connection.Scalar<long>(
            "SELECT count(*) FROM read_parquet($glob)", ("glob", PondLayout.Glob(pond.Root, PondLayout.Arrivals))));
        Assert.Equal(summary.Stops, connection.Scalar<long>(
            "SELECT count(*) FROM read_parquet($path)", ("path", Path.Combine(pond.Root, PondLayout.Stops))));
        Assert.Equal(summary.Quays, connection.Scalar<long>(
            "SELECT count(*) FROM read_parquet($path)", ("path", Path.Combine(pond.Root, PondLayout.Quays))));
    }

    private static List<string> RelativeFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.StartsWith(".staging", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private sealed class InlineProgress(Action<DemoProgress> report) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => report(value);
    }
}
