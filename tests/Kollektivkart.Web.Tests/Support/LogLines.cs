using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>The site's log lines (warnings and above, as <see cref="Site"/> configures it), kept for tests to read.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    /// <summary>The lines of <paramref name="level"/> containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> With(LogLevel level, string text) =>
        _lines.Where(l => l.Level == level && l.Text.Contains(text, StringComparison.Ordinal)).Select(l => l.Text).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
