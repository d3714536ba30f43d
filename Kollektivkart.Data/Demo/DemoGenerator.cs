using System.Globalization;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Raw;

namespace Kollektivkart.Data.Demo;

/// <summary>Writes a synthetic raw pond shaped like Entur's data, dirt included; the same options give byte-identical files.</summary>
public static class DemoGenerator
{
    internal const int FlushRows = 100_000;

    public static DemoSummary Generate(IPond pond, DemoOptions options, IProgress<DemoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pond);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var network = NetworkBuilder.Build(options.Seed, options.Scale);
        // One thread: DuckDB then writes the same bytes every time.
        using var connection = DuckDbConnections.OpenInMemory(new DuckDbSettings(Threads: 1));
        RawDatasets.CreateTables(connection);
        StopRegistry.Fill(connection, network);
        RawDatasets.WriteStopsAndQuays(connection, pond);

        var hotSpots = new Dictionary<(int Year, int Month), HotSpots>();
        long rows = 0;
        for (var d = 0; d < options.Days; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = options.From.AddDays(d);
            var month = (day.Year, day.Month);
            if (!hotSpots.TryGetValue(month, out var monthHotSpots))
            {
                hotSpots[month] = monthHotSpots = HotSpots.ForMonth(network, options.Seed, day.Year, day.Month);
            }
            // MOR carries its earlier dataSourceName in the first half of a range of days, so the
            // pipeline's "latest name wins" has something to do; the last day always has the current name.
            var earlierNames = d < options.Days / 2;
            var simulation = new OperatingDaySimulation(network, options.Seed, day, monthHotSpots,
                op => earlierNames && op.EarlierName is { } earlier ? earlier : op.Name);

            using var writer = RawDatasets.BeginArrivalsDay(connection, pond, day);
            using var appender = new ArrivalsAppender(connection);
            var daysDone = d;
            simulation.Run(journey =>
            {
                appender.Append(journey);
                if (appender.BatchRows >= FlushRows)
                {
                    appender.EndBatch();
                    writer.Flush();
                    progress?.Report(new DemoProgress(daysDone, options.Days, rows + writer.RowsWritten, day));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            });
            appender.EndBatch();
            writer.Commit();
            rows += writer.RowsWritten;
            progress?.Report(new DemoProgress(d + 1, options.Days, rows, day));
        }

        return new DemoSummary(options.Days, rows, network.StopPlaces.Count, network.Quays.Count, network.Operators.Count, network.Lines.Count);
    }

    private static void Validate(DemoOptions options)
    {
        if (options.Days < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Days must be at least 1, got {options.Days}."));
        }
        if (!(options.Scale > 0 && options.Scale <= 5))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Scale must be greater than 0 and at most 5, got {options.Scale}."));
        }
    }
}
