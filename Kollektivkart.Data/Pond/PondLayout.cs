using System.Globalization;

namespace Kollektivkart.Data.Pond;

/// <summary>Names of the datasets and files in a pond (data-model.md section 2).</summary>
public static class PondLayout
{
    public const string Stops = "stops.parquet";
    public const string Quays = "quays.parquet";
    public const string Arrivals = "arrivals.parquet";
    public const string RouteName = "route_name.parquet";
    public const string Legs = "legs.parquet";
    public const string LegStats = "leg_stats.parquet";

    /// <summary>Per operating day, its planned departures and final arrivals classified by data-model.md section 9.</summary>
    public const string Departures = "departures.parquet";

    /// <summary>Per calendar month, the punctuality groups of section 9, from that month's departures.</summary>
    public const string Punctuality = "punctuality.parquet";
    public const string DataSources = "datasources.parquet";
    public const string DataSourceLine = "datasource_line.parquet";
    public const string StopLine = "stop_line.parquet";
    public const string LineStretch = "line_stretch.parquet";
    public const string StatsDb = "stats.db";

    /// <summary>
    /// Per operating day, small aggregates of its arrivals and legs that the lookup files and arrivals_stats add
    /// up, so a nightly run reads the new day's data, not all history: one dataset per part (datasources,
    /// datasource_line, stop_line, line_stretch, counts), as each dataset's files share one schema.
    /// </summary>
    public static string DaySummary(string part) => $"summary_{part}.parquet";

    /// <summary>
    /// Beside each leg_stats partition's data: the operating days it was computed from, so a run
    /// killed after new legs but before their month's stats still recomputes that month.
    /// </summary>
    public const string SourceDaysFile = "_source_days.txt";

    public const string DayKey = "operatingDate";
    public const string MonthKey = "month";

    /// <summary>Glob over every file of a partitioned dataset, for read_parquet(..., hive_partitioning=true).</summary>
    public static string Glob(string root, string dataset) => Path.Combine(root, dataset, "*", "*.parquet");

    /// <summary>Glob over the files of one partition.</summary>
    public static string Glob(string root, PartitionRef partition) => Path.Combine(root, partition.RelativePath, "*.parquet");

    public static DateOnly ParseDay(string value) =>
        DateOnly.ParseExact(value, DayFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a day in the pond's one date form, YYYY-MM-DD (folder names, files, the command line).</summary>
    public static bool TryParseDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static string Format(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    private const string DayFormat = "yyyy-MM-dd";
}
