using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>What the site logs (warnings and up), with each exception's text, as journald would keep it.</summary>
public sealed class SiteLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines of <paramref name="level"/> containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> With(LogLevel level, string text) =>
        _lines.Where(l => l.StartsWith(level + " ", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
        }
    }
}
