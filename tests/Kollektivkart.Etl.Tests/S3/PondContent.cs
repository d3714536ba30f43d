using System.Globalization;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>A pond folder by content, not bytes: the files it has, and per dataset and stats.db table its rows (count and a hash of all of them).</summary>
public static class PondContent
{
    /// <summary>Relative paths ('/'-separated) of the pond's files, without staging leftovers and cache bookkeeping.</summary>
    public static SortedSet<string> Files(string pond) =>
        new(Directory.EnumerateFiles(pond, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(pond, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith('.')), StringComparer.Ordinal);

    /// <summary>One line per dataset, text file and stats.db table: its row count and the sum of its rows' hashes.</summary>
    public static string Of(string pond)
    {
        using var connection = DuckDbConnections.OpenInMemory();
        var lines = new List<string>();
        var files = Files(pond);
        foreach (var dataset in files.Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) || f.Contains(".parquet/", StringComparison.Ordinal))
                     .Select(f => f.Split('/')[0]).Distinct(StringComparer.Ordinal))
        {
            var glob = File.Exists(Path.Combine(pond, dataset)) ? Path.Combine(pond, dataset) : Path.Combine(pond, dataset, "*", "*.parquet");
            lines.Add(dataset + ": " + Rows(connection, "read_parquet($files, hive_partitioning = true)", ("files", glob)));
        }
        foreach (var text in files.Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            lines.Add(text + ": " + File.ReadAllText(Path.Combine(pond, text)).ReplaceLineEndings("|"));
        }
        var statsDb = Path.Combine(pond, "stats.db");
        if (File.Exists(statsDb))
        {
            using var stats = DuckDbConnections.Open(statsDb, readOnly: true);
            foreach (var table in StatsDbSchema.Tables)
            {
                // Table names come from the schema's own list, not from input.
                lines.Add("stats.db " + table + ": " + Rows(stats, table));
            }
        }
        return string.Join('\n', lines);
    }

    private static string Rows(DuckDB.NET.Data.DuckDBConnection connection, string source, params (string, object?)[] parameters)
    {
        using var reader = connection.Query($"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR FROM (SELECT * FROM {source}) t", parameters);
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)} rows, hash {reader.GetString(1)}");
    }
}
