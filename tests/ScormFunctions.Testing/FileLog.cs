using Microsoft.Extensions.Logging;
namespace ScormFunctions.Testing;
public sealed class FileLogProvider(string path) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new L(path, categoryName);
    public void Dispose() { }
    private sealed class L(string path, string cat) : ILogger
    {
        private static readonly object Gate = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        { lock (Gate) File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {cat}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}\n"); }
    }
}
