using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.Tests;

/// <summary>Every log entry the host writes (message and structured values), kept for tests that read them.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private const int Capacity = 50_000;
    private readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            capture.Add($"{category} {eventId.Id} {formatter(state, exception)} {values} {exception?.Message}");
        }
    }
}
