using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Transforms;

namespace Kollektivkart.Testing;

/// <summary>What is wrong with a stats.db the site refuses and the job never publishes.</summary>
public enum StatsDbDamage
{
    NotDuckDb,
    Truncated,
    TableMissing,
    OtherSchemaVersion,
}

/// <summary>Damaged copies of a good stats.db, one per <see cref="StatsDbDamage"/>.</summary>
public static class BadStatsDb
{
    /// <summary>The table a <see cref="StatsDbDamage.TableMissing"/> copy lacks.</summary>
    public const string DroppedTable = "line_direction";

    /// <summary>Writes a copy of <paramref name="good"/> with <paramref name="damage"/> to <paramref name="path"/>; what a refusal of it says.</summary>
    public static string Write(string good, string path, StatsDbDamage damage)
    {
        switch (damage)
        {
            case StatsDbDamage.NotDuckDb:
                File.WriteAllText(path, "leg_stats,month\nnot a database\n");
                return "not a valid DuckDB database file";
            case StatsDbDamage.Truncated:
                // A copy that stopped inside the first 256 KiB block, after the 12 KiB of headers: every block is cut or
                // gone. Cut further on, a file may lose only free blocks and still be whole to DuckDB.
                using (var source = File.OpenRead(good))
                using (var copy = File.Create(path))
                {
                    var head = new byte[100_000];
                    source.ReadExactly(head);
                    copy.Write(head);
                }
                return "Could not read enough bytes";
            case StatsDbDamage.TableMissing:
                Alter(good, path, $"DROP TABLE {DroppedTable}");
                return $"table {DroppedTable} missing";
            case StatsDbDamage.OtherSchemaVersion:
                Alter(good, path, "UPDATE schema_version SET version = version - 1");
                return $"schema version {StatsDbSchema.Version - 1}, this build reads {StatsDbSchema.Version}";
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    private static void Alter(string good, string path, string sql)
    {
        File.Copy(good, path, overwrite: true);
        using var connection = DuckDbConnections.Open(path);
        connection.Execute(sql);
    }
}
