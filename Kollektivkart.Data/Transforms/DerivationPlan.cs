using Kollektivkart.Data.Pond;

namespace Kollektivkart.Data.Transforms;

/// <summary>
/// Which operating days need legs and which months need leg_stats, from what the pond holds.
/// Days are derived when missing downstream (or all from FromDate on --invalidate); a month is
/// recomputed when it gains a day, has legs but no stats, or on --invalidate.
/// </summary>
public sealed record DerivationPlan(
    IReadOnlyList<DateOnly> RawDays,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<DateOnly> Months,
    bool PublishLookups)
{
    public bool NothingToDo => Days.Count == 0 && Months.Count == 0 && !PublishLookups;

    public static DerivationPlan For(IPond pond, RunOptions options)
    {
        var rawDays = PartitionDays(pond, PondLayout.Arrivals);
        var legDays = options.Invalidate ? [] : PartitionDays(pond, PondLayout.Legs).ToHashSet();
        var days = rawDays.Where(d => d >= options.FromDate && !legDays.Contains(d)).ToList();

        var fromMonth = MonthOf(options.FromDate);
        var legMonths = PartitionDays(pond, PondLayout.Legs).Concat(days).Select(MonthOf).ToHashSet();
        var statMonths = options.Invalidate ? [] : PartitionDays(pond, PondLayout.LegStats, PondLayout.MonthKey).ToHashSet();
        var months = days.Select(MonthOf)
            .Concat(legMonths.Where(m => m >= fromMonth && !statMonths.Contains(m)))
            .Distinct()
            .Order()
            .ToList();

        var lookupsMissing = new[] { PondLayout.DataSources, PondLayout.DataSourceLine, PondLayout.StopLine, PondLayout.StatsDb }
            .Any(name => !pond.FileExists(name));
        return new DerivationPlan(rawDays, days, months, options.Invalidate || lookupsMissing || days.Count > 0 || months.Count > 0);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    private static List<DateOnly> PartitionDays(IPond pond, string dataset, string key = PondLayout.DayKey)
    {
        var days = new List<DateOnly>();
        foreach (var value in pond.PartitionValues(dataset, key))
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day))
            {
                throw new PondException($"Unexpected partition folder {dataset}/{key}={value} in {pond.Location}: the value is not a date (YYYY-MM-DD).");
            }
            days.Add(day);
        }
        return days;
    }
}
