using System.Diagnostics;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Bench.Etl;

/// <summary>
/// The lower bound for a day's legs: DuckDB, in this process and with the job's threads and memory
/// limit, reading the day's raw parquet once. A hash of every column is folded into an aggregate,
/// so no column read can be skipped (count(*) alone is answered from the file's metadata).
/// </summary>
public static class BareRead
{
    private const string Sql = "SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM read_parquet($files)";

    public static IReadOnlyDictionary<DateOnly, double> Days(string rawPond, IEnumerable<DateOnly> days, int threads, double memoryLimitGb,
        CancellationToken cancellation)
    {
        using var connection = DuckDbConnections.OpenInMemory(new DuckDbSettings(threads, memoryLimitGb));
        var seconds = new Dictionary<DateOnly, double>();
        foreach (var day in days)
        {
            cancellation.ThrowIfCancellationRequested();
            var folder = Path.Combine(rawPond, PartitionRef.Day(PondLayout.Arrivals, day).RelativePath);
            var files = Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal).ToList();
            var clock = Stopwatch.StartNew();
            using (var reader = connection.Query(Sql, ("files", files)))
            {
                while (reader.Read())
                {
                }
            }
            seconds[day] = clock.Elapsed.TotalSeconds;
        }
        return seconds;
    }
}
