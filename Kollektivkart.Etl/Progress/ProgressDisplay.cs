using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Kollektivkart.Etl.Progress;

/// <summary>Where long work is: partitions done of total, rows written, for one named step.</summary>
public sealed record ProgressUpdate(string Step, int Done, int Total, long Rows, TimeSpan Elapsed, string? Current);

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
public sealed class Forward<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>
/// Shows progress as a live bar per step on a terminal, and as plain log lines (at most one a
/// second per step, plus each step's last) when output goes to a file or journald.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(ILogger logger, Func<IProgress<ProgressUpdate>, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Ansi)
        {
            return work(new LogLines(logger));
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Interactive = InteractionSupport.Yes });
        return terminal.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => work(new LiveBars(context)));
    }

    private sealed class LogLines(ILogger logger) : IProgress<ProgressUpdate>
    {
        private readonly Dictionary<string, long> _lastLogged = [];

        public void Report(ProgressUpdate value)
        {
            var now = Stopwatch.GetTimestamp();
            var finished = value.Done == value.Total;
            if (!finished && _lastLogged.TryGetValue(value.Step, out var last) && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
            {
                return;
            }
            if (value.Done == 0 && value.Total > 0 && _lastLogged.ContainsKey(value.Step))
            {
                return;
            }
            _lastLogged[value.Step] = now;
            var seconds = Math.Max(value.Elapsed.TotalSeconds, 0.001);
            logger.LogInformation(
                "Progress {Step}: {Done}/{Total} partitions, {Rows} rows, {RowsPerSecond:F0} rows/s, {Elapsed:F1} s elapsed, at {Current}",
                value.Step, value.Done, value.Total, value.Rows, value.Rows / seconds, value.Elapsed.TotalSeconds, value.Current);
        }
    }

    private sealed class LiveBars(ProgressContext context) : IProgress<ProgressUpdate>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];

        public void Report(ProgressUpdate value)
        {
            if (!_tasks.TryGetValue(value.Step, out var task))
            {
                task = context.AddTask(value.Step, maxValue: Math.Max(value.Total, 1));
                _tasks[value.Step] = task;
            }
            task.Value = value.Total == 0 ? 1 : value.Done;
            var seconds = Math.Max(value.Elapsed.TotalSeconds, 0.001);
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{value.Step} {value.Done}/{value.Total} {value.Current} {value.Rows:N0} rows {value.Rows / seconds:N0}/s"));
        }
    }
}
