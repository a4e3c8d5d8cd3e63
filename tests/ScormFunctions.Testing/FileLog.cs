using Microsoft.Extensions.Logging;

namespace ScormFunctions.Testing;

/// <summary>
/// Appends every log line of a test host to a file: set <c>SF_TEST_LOG=/tmp/host.log</c> when a test needs the
/// host's own logs (e.g. the Durable engine's partition and queue messages), which the test runner does not show.
/// </summary>
public sealed class FileLogProvider(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
        // nothing buffered
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}\n";
            lock (Gate)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
