using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Demo;

/// <summary>
/// How far building the demo pond has come: a step ("Writing the demo data", a derivation step) and its parts done of all;
/// its text is what the log and the site's "Getting ready" page show.
/// </summary>
public sealed record DemoPondProgress(string Step, int Done, int Total, string Detail)
{
    public override string ToString() => $"{Step}: {Done} of {Total}{Detail}";
}

/// <summary>
/// The pond a fresh clone serves: synthetic raw data for the operating days up to yesterday,
/// derived by the same transforms as the nightly job. Built on first start, reused afterwards,
/// and topped up with the days that passed since, so the demo never goes stale.
/// </summary>
public static class DemoPond
{
    public static void Ensure(
        string folder, DateOnly today, int days, ILogger logger,
        IProgress<DemoPondProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pond = LocalPond.Open(folder, create: true);
        var yesterday = today.AddDays(-1);
        var first = yesterday.AddDays(1 - days);
        var newest = pond.PartitionValues(PondLayout.Arrivals, PondLayout.DayKey)
            .Select(PondLayout.ParseDay)
            .DefaultIfEmpty(first.AddDays(-1))
            .Max();
        var from = newest >= first ? newest.AddDays(1) : first;
        if (from <= yesterday)
        {
            var options = new DemoOptions(from, yesterday.DayNumber - from.DayNumber + 1);
            logger.LogInformation(
                "Writing demo data for {Days} operating days from {From} into {Pond}", options.Days, PondLayout.Format(from), pond.Location);
            DemoGenerator.Generate(pond, options, new Throttled<DemoProgress>(p => progress?.Report(
                new DemoPondProgress("Writing the demo data", p.DaysDone, p.DaysTotal, $" days, {p.Rows:N0} arrivals"))), cancellationToken);
        }
        var report = new Derivation(pond, new RunOptions(first), logger, new Throttled<RunProgress>(p => progress?.Report(
            new DemoPondProgress($"Deriving {p.Step}", p.Done, p.Total, $"{(p.Current is null ? "" : $" ({p.Current})")}, {p.Rows:N0} rows")))).Run(cancellationToken);
        if (!report.WroteNothing)
        {
            logger.LogInformation("Demo pond ready in {Pond}", pond.Location);
        }
    }

    /// <summary>Passes on at most one report a second, synchronously.</summary>
    private sealed class Throttled<T>(Action<T> report) : IProgress<T>
    {
        private long _next;

        public void Report(T value)
        {
            var now = Environment.TickCount64;
            if (now >= _next)
            {
                _next = now + 1000;
                report(value);
            }
        }
    }
}
