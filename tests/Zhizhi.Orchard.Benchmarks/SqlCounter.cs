using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// Counts the SQL commands EF Core executes in this process (all contexts, all townships) through its
/// DiagnosticListener, grouped by command text: how many statements a request costs, without touching the code.
/// </summary>
internal sealed class SqlCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, int> _byText = new();
    private readonly ConcurrentDictionary<string, double> _msByText = new();
    private readonly List<IDisposable> _subscriptions = [];
    private int _total;
    private volatile bool _on;

    public SqlCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public void Start() { _byText.Clear(); _msByText.Clear(); _total = 0; _on = true; }

    public void Stop() => _on = false;

    public void Report(int per, string what, int width = 160)
    {
        Console.WriteLine($"SQL commands: {_total} for {per} {what} = {(double)_total / per:F2} each");
        foreach (var (text, n) in _byText.OrderByDescending(x => x.Value).Take(15))
            Console.WriteLine($"  {(double)n / per,6:F2} × {_msByText.GetValueOrDefault(text) / per,7:F1} ms  {Flatten(text, width)}");
    }

    private static string Flatten(string sql, int width)
    {
        var one = string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        return one.Length > width ? one[..width] + "…" : one;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) lock (_subscriptions) _subscriptions.Add(value.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!_on || value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data) return;
        Interlocked.Increment(ref _total);
        _byText.AddOrUpdate(data.Command.CommandText, 1, (_, n) => n + 1);
        // Until the reader returns: for SQLite that includes computing an aggregate's single row.
        _msByText.AddOrUpdate(data.Command.CommandText, data.Duration.TotalMilliseconds, (_, ms) => ms + data.Duration.TotalMilliseconds);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
