using System.CommandLine;
using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Etl.Progress;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Cli;

/// <summary><c>demo &lt;pond&gt;</c>: synthetic raw data in Entur's shape, for trying everything without BigQuery.</summary>
internal static class DemoCommand
{
    public const int DefaultDays = 60;

    public static Command Create(ILoggerFactory loggers)
    {
        var pond = EtlCommandLine.PondArgument();
        var from = EtlCommandLine.DateOption("--from", "First operating day to write (default: the --days days up to yesterday).");
        var days = EtlCommandLine.PositiveOption("--days", $"Number of operating days to write (default {DefaultDays}).");
        var scale = new Option<double?>("--scale") { Description = "Volume as a share of national traffic; 1 is about 1.5 million arrivals a weekday (default 0.05)." };
        scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && (value <= 0 || value > 5 || double.IsNaN(value)))
            {
                result.AddError($"--scale must be above 0 and at most 5, got {value}.");
            }
        });
        var seed = new Option<int?>("--seed") { Description = "Random seed; the same seed writes the same data (default 1)." };

        var command = new Command("demo", "Write synthetic raw data (stops, quays, arrivals per operating day) into a pond folder.")
        {
            pond, from, days, scale, seed,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            JobSettings.Check(bigQuery: false, cdn: false);
            var logger = loggers.CreateLogger("Kollektivkart.Etl.Demo");
            var dayCount = parsed.GetValue(days) ?? DefaultDays;
            var yesterday = Today().AddDays(-1);
            var options = new DemoOptions(
                parsed.GetValue(from) ?? yesterday.AddDays(1 - dayCount),
                dayCount,
                parsed.GetValue(scale) ?? 0.05,
                parsed.GetValue(seed) ?? 1);
            var location = parsed.GetRequiredValue(pond);
            using var pondLock = Ponds.Lock(location, create: true, logger);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pondLock.Lost);
            cancellationToken = stop.Token;
            var target = Ponds.Open(location, create: true, logger);
            logger.LogInformation(
                "Writing demo data for {Days} operating days from {From} at scale {Scale} (seed {Seed}) into {Pond}",
                options.Days, PondLayout.Format(options.From), options.Scale, options.Seed, target.Location);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var summary = ProgressDisplay.Run(logger, progress => DemoGenerator.Generate(
                target, options,
                new Forward<DemoProgress>(p => progress.Report(new ProgressUpdate(
                    "demo", p.DaysDone, p.DaysTotal, p.Rows, clock.Elapsed, p.CurrentDay is { } d ? PondLayout.Format(d) : null))),
                cancellationToken));
            PondTransfers.Publish(target, logger, cancellationToken);
            logger.LogInformation(
                "Demo pond ready: {Days} operating days, {Arrivals} arrivals, {Operators} operators, {Lines} lines, {Stops} stop places, {Quays} quays",
                summary.Days, summary.Arrivals, summary.Operators, summary.Lines, summary.Stops, summary.Quays);
            return Task.FromResult(EtlCommandLine.Ok);
        });
        return command;
    }

    /// <summary>Today in Norway, whatever the machine's zone: operating days are Norwegian days.</summary>
    internal static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime);
}
