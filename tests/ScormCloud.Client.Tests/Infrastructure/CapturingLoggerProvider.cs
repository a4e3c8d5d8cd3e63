using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>Keeps every formatted log message (with its scopes) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _messages = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            owner._messages.Enqueue($"{category} {formatter(state, exception)} {fields} {string.Join("|", scopes)} {exception}");
        }
    }
}
