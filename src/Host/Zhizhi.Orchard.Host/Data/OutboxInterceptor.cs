using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// Wakes the outbox dispatcher once a SaveChanges that wrote events has committed, so events are
/// delivered at once instead of at the next sweep. The sweep still catches anything a crash left behind.
/// </summary>
internal sealed class OutboxInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Notify(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Remember(DbContext? context)
    {
        if (context is null) return;
        if (context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            Pending.AddOrUpdate(context, context);
    }

    private void Notify(DbContext? context)
    {
        // Inside an explicit transaction the events are not committed yet: wait for the commit.
        if (context is null || context.Database.CurrentTransaction is not null || !Pending.Remove(context)) return;
        if (ModuleDbContextTownship.Get(context) is { } township) signal.Notify(township);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) Pending.Remove(context);
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is null || !Pending.Remove(context)) return;
        if (ModuleDbContextTownship.Get(context) is { } township) signal.Notify(township);
    }
}

/// <summary>
/// A queue of townships that have fresh events. A township already waiting is not queued again: the sweep
/// notifies every active township each period, and when a pass takes longer than the period, duplicates
/// would pile up without bound and fresh events would wait behind them.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly System.Threading.Channels.Channel<string> _channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);

    public void Notify(string township)
    {
        if (_waiting.TryAdd(township, 0)) _channel.Writer.TryWrite(township);
    }

    /// <summary>Townships in the order they were notified; one taken off the queue can be notified again at once.</summary>
    public async IAsyncEnumerable<string> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var township in _channel.Reader.ReadAllAsync(ct))
        {
            _waiting.TryRemove(township, out _);
            yield return township;
        }
    }

    public int Waiting => _channel.Reader.Count;
}
