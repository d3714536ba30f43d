using DuckDB.NET.Data;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;

namespace Kollektivkart.Data.Transforms;

/// <summary>
/// Which operating days need legs and which months need leg_stats, from what the pond holds.
/// Days are derived when missing downstream (or all from FromDate on --invalidate). A month is
/// recomputed when the legs days it was computed from (its <see cref="PondLayout.SourceDaysFile"/>)
/// differ from the legs days it has now, and stats.db when the legs days it was built from differ
/// or an older build wrote it (<see cref="StatsDbSchema.Version"/>): content, not timestamps, so a
/// run killed between steps is finished by the next one. Punctuality (data-model.md section 9) goes the same way:
/// a raw day without its departures partition gets one (so an upgrade classifies every day once), and a month whose
/// departures days differ from those its punctuality was computed from is computed again.
/// </summary>
public sealed record DerivationPlan(
    IReadOnlyList<DateOnly> RawDays,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<DateOnly> Months,
    bool PublishLookups,
    IReadOnlyList<DateOnly> DepartureDays,
    IReadOnlyList<DateOnly> PunctualityMonths)
{
    public bool NothingToDo => Days.Count == 0 && Months.Count == 0 && !PublishLookups
        && DepartureDays.Count == 0 && PunctualityMonths.Count == 0;

    public static DerivationPlan For(IPond pond, RunOptions options)
    {
        var rawDays = PartitionDays(pond, PondLayout.Arrivals);
        var legDaysNow = PartitionDays(pond, PondLayout.Legs);
        var existing = options.Invalidate ? [] : legDaysNow.ToHashSet();
        var days = rawDays.Where(d => d >= options.FromDate && !existing.Contains(d)).ToList();

        var legDays = legDaysNow.Concat(days).ToHashSet();
        var fromMonth = MonthOf(options.FromDate);
        var months = MonthsToCompute(pond, PondLayout.LegStats, LegStatsFormat, legDays, days, fromMonth, options.Invalidate);

        var departureDaysNow = PartitionDays(pond, PondLayout.Departures);
        var classified = options.Invalidate ? [] : departureDaysNow.ToHashSet();
        var departureDays = rawDays.Where(d => d >= options.FromDate && !classified.Contains(d)).ToList();
        var punctualityMonths = MonthsToCompute(pond, PondLayout.Punctuality, PunctualityFormat,
            departureDaysNow.Concat(departureDays).ToHashSet(), departureDays, fromMonth, options.Invalidate);

        var lookupsMissing = Derivation.LookupFiles.Any(name => !pond.FileExists(name));
        var publish = options.Invalidate || lookupsMissing || days.Count > 0 || months.Count > 0 || punctualityMonths.Count > 0
            || !StatsDbIsCurrent(pond, legDays);
        return new DerivationPlan(rawDays, days, months, publish, departureDays, punctualityMonths);
    }

    /// <summary>
    /// The months of a monthly dataset to compute: each month of <paramref name="sourceDays"/> that gained a day
    /// (<paramref name="newDays"/>) or whose record of source days differs from the days it has now; all on invalidate.
    /// </summary>
    private static List<DateOnly> MonthsToCompute(IPond pond, string dataset, string format, IReadOnlySet<DateOnly> sourceDays,
        IReadOnlyList<DateOnly> newDays, DateOnly fromMonth, bool invalidate) =>
        sourceDays.GroupBy(MonthOf)
            .Where(month => month.Key >= fromMonth)
            .Where(month => invalidate
                || newDays.Any(d => MonthOf(d) == month.Key)
                || !month.ToHashSet().SetEquals(SourceDays(pond, dataset, format, month.Key)))
            .Select(month => month.Key)
            .Order()
            .ToList();

    /// <summary>
    /// The first line of a month's <see cref="PondLayout.SourceDaysFile"/>: the shape its leg_stats were computed in.
    /// A month written in another shape (before day types, which had no such line) counts as computed from no days,
    /// so the next run computes it again.
    /// </summary>
    public const string LegStatsFormat = "# leg_stats per day type (format 2)";

    /// <summary>The first line of a punctuality month's <see cref="PondLayout.SourceDaysFile"/>.</summary>
    public const string PunctualityFormat = "# punctuality (format 1)";

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The days a month of a monthly dataset was computed from; none when it has no record or one in another format.</summary>
    private static IEnumerable<DateOnly> SourceDays(IPond pond, string dataset, string format, DateOnly month)
    {
        var file = Path.Combine(pond.Root, PartitionRef.Month(dataset, month).RelativePath, PondLayout.SourceDaysFile);
        if (!File.Exists(file))
        {
            return [];
        }
        var lines = File.ReadAllLines(file);
        if (lines.Length == 0 || lines[0] != format)
        {
            return [];
        }
        return lines.Skip(1)
            .Select(line => PondLayout.TryParseDay(line, out var day) ? day : (DateOnly?)null)
            .OfType<DateOnly>();
    }

    /// <summary>
    /// Whether stats.db was built from exactly <paramref name="legDays"/> (its derived_from table) and is one this build
    /// serves (<see cref="StatsDatabase.Open"/>: its tables, <see cref="StatsDbSchema.Version"/>); an absent, damaged,
    /// incomplete or older stats.db is not current, so the run builds it again.
    /// </summary>
    private static bool StatsDbIsCurrent(IPond pond, IReadOnlySet<DateOnly> legDays)
    {
        var file = Path.Combine(pond.Root, PondLayout.StatsDb);
        if (!File.Exists(file))
        {
            return false;
        }
        try
        {
            using var database = StatsDatabase.Open(file);
            var days = database.Query("SELECT operatingDate FROM derived_from", r => DateOnly.FromDateTime(r.GetDateTime(0)));
            return legDays.SetEquals(days);
        }
        catch (Exception e) when (e is InvalidStatsDbException or DuckDBException)
        {
            // A damaged stats.db is rebuilt, not trusted.
            return false;
        }
    }

    private static List<DateOnly> PartitionDays(IPond pond, string dataset, string key = PondLayout.DayKey)
    {
        var days = new List<DateOnly>();
        foreach (var value in pond.PartitionValues(dataset, key))
        {
            if (!PondLayout.TryParseDay(value, out var day))
            {
                throw new PondException($"Unexpected partition folder {dataset}/{key}={value} in {pond.Location}: the value is not a date (YYYY-MM-DD).");
            }
            days.Add(day);
        }
        return days;
    }
}
