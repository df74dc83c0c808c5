using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Every log line the local host writes (after its own filters), kept for the log scan: no IIN, e-mail
/// address, graduate name or token may appear in any of them.
/// </summary>
public sealed partial class LogCapture : ILoggerProvider
{
    public const int Capacity = 200_000;
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>A snapshot of the lines, for tests that look for what was logged.</summary>
    public IReadOnlyList<string> Entries => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Lines carrying something personal or secret, with what was found.</summary>
    public IReadOnlyList<string> Leaks(IEnumerable<string>? names = null)
    {
        var found = new List<string>();
        var knownNames = (names ?? []).Where(n => n.Length > 0).ToList();
        foreach (var line in lines)
        {
            var what = Twelve().IsMatch(line) ? "12-digit number (IIN?)"
                : Email().IsMatch(line) ? "e-mail address"
                : Jwt().IsMatch(line) ? "bearer token"
                : LinkToken().IsMatch(line) ? "employer link token"
                : knownNames.FirstOrDefault(n => line.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } name ? $"name '{name}'"
                : null;
            if (what is not null)
            {
                found.Add($"{what}: {(line.Length > 300 ? line[..300] : line)}");
            }
        }

        return found;
    }

    private void Add(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > Capacity && lines.TryDequeue(out _))
        {
        }
    }

    [GeneratedRegex(@"(?<![\dA-Fa-f-])\d{12}(?![\dA-Fa-f-])")]
    private static partial Regex Twelve();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"#t=[A-Za-z0-9_-]{16,}")]
    private static partial Regex LinkToken();

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
    }
}
