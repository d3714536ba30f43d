using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Raw;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Raw;

/// <summary>
/// RawColumns.ReadBy is the list the BigQuery sync lets fail a night; here it is proved against the SQL:
/// a whole run on a pond whose raw files lack one column fails exactly when that column is on the list.
/// </summary>
public sealed class RawColumnsTests
{
    public static TheoryData<string, string> StoredColumns()
    {
        using var connection = DuckDbConnections.OpenInMemory();
        RawDatasets.CreateTables(connection);
        using var reader = connection.Query(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position");
        var columns = new TheoryData<string, string>();
        while (reader.Read())
        {
            // operatingDate is the partition's folder, never a column of arrivals' files.
            if (reader.GetString(1) != "operatingDate")
            {
                columns.Add(reader.GetString(0), reader.GetString(1));
            }
        }
        return columns;
    }

    [Theory]
    [MemberData(nameof(StoredColumns))]
    public void A_run_needs_a_raw_column_exactly_when_RawColumns_says_the_derivations_read_it(string table, string column)
    {
        using var pond = new TestPond();
        var day = new DateOnly(2025, 3, 4);
        pond.Stop(1, "Jernbanetorget", 59.9110, 10.7500).Stop(2, "Stortinget", 59.9130, 10.7400)
            .Add(new JourneyBuilder(day, "RUT:ServiceJourney:1", new DateTimeOffset(2025, 3, 4, 7, 0, 0, TimeSpan.Zero))
                .At("NSR:Quay:1", 0).At("NSR:Quay:2", 2, 30).Calls())
            .Write();
        var files = table == "arrivals"
            ? Directory.GetFiles(Path.Combine(pond.Root, PondLayout.Arrivals), "*.parquet", SearchOption.AllDirectories)
            : [Path.Combine(pond.Root, table + ".parquet")];
        using (var connection = DuckDbConnections.OpenInMemory())
        {
            foreach (var file in files)
            {
                // The column name comes from raw_schema.sql.
                connection.Execute($"COPY (SELECT * EXCLUDE (\"{column}\") FROM read_parquet($file)) TO $without (FORMAT parquet)",
                    ("file", file), ("without", file + ".without"));
                File.Move(file + ".without", file, overwrite: true);
            }
        }

        var failure = Record.Exception(() => pond.Derive());

        if (RawColumns.ReadBy(table).Contains(column))
        {
            Assert.IsType<PondException>(failure);
            Assert.Contains(column, failure.Message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Null(failure);
            Assert.Single(pond.Legs());
        }
    }
}
