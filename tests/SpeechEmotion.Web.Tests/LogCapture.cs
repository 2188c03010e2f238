using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpeechEmotion.Web.Tests;

/// <summary>A logger provider that keeps every entry with its structured fields and the fields of its scopes.</summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One entry: its category, event id, rendered message, structured fields and its scopes' fields.</summary>
    internal sealed record Entry(string Category, EventId EventId, string Message,
        IReadOnlyDictionary<string, object?> Fields, IReadOnlyDictionary<string, object?> ScopeFields);

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs) fields[key] = value;
            var scopeFields = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((scope, into) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                    foreach (var (key, value) in scopePairs) into[key] = value;
            }, scopeFields);
            owner.Entries.Enqueue(new Entry(category, eventId, formatter(state, exception), fields, scopeFields));
        }
    }
}
