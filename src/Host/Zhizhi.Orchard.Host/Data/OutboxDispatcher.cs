using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Serilog.Context;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Host.Tenancy;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// Delivers outbox events to the handlers of enabled features, after the commit that wrote them.
/// One loop handles both the "new events" signal and the periodic sweep, so a township is never
/// dispatched twice at once in this process. A failing handler is retried with backoff; handlers
/// that already succeeded see the event again then (at least once), so they must be idempotent.
/// </summary>
internal sealed partial class OutboxDispatcher(
    OutboxSignal signal,
    TownshipCatalog catalog,
    TownshipActivator activator,
    IServiceScopeFactory scopes,
    TownshipDatabase database,
    IEnumerable<ModuleDbContextRegistration> contexts,
    IEnumerable<EventHandlerRegistration> handlers,
    ZhizhiOptions options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly ModuleDbContextRegistration[] _contexts = [.. contexts];
    private readonly ILookup<string, EventHandlerRegistration> _handlers = handlers.ToLookup(h => OutboxExtensions.EventTypeName(h.EventType));
    private static readonly ConcurrentDictionary<Type, MethodInfo> HandleMethods = new();

    /// <summary>
    /// Townships holding a failed event, with the earliest time one of them may be retried. The sweep revisits only
    /// these each tick, so its cost follows the townships with work, not all active ones (tests keep hundreds active).
    /// </summary>
    private readonly ConcurrentDictionary<string, DateTime> _retries = new();

    /// <summary>Every this many ticks the sweep still looks at every active township (a safety net, e.g. a lost signal).</summary>
    internal const int FullSweepEvery = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = SweepAsync(stoppingToken);
        await foreach (var township in signal.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(township, stoppingToken);
                // The start-up sweep looks at every township; one that serves nobody keeps no connections.
                if (!activator.IsActive(township) && catalog.Find(township) is { } idle) database.Release(idle);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDispatchFailed(logger, ex, township);
            }
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        // After a start, every running township is looked at once: a crash may have left events behind.
        foreach (var township in catalog.All.Where(t => t.State == TownshipState.Running)) signal.Notify(township.Name);
        using var timer = new PeriodicTimer(options.OutboxSweep, clock);
        var ticks = 0;
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (++ticks % FullSweepEvery == 0)
            {
                foreach (var name in activator.ActiveTownships) signal.Notify(name);
            }
            else
            {
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var (name, at) in _retries)
                    if (at <= now && _retries.TryRemove(new KeyValuePair<string, DateTime>(name, at))) signal.Notify(name);
            }
            activator.EvictIdle(options.IdleEviction, catalog.Find);
        }
    }

    internal async Task<int> DeliverAsync(string townshipName, CancellationToken ct)
    {
        var found = catalog.Find(townshipName);
        if (found is { State: TownshipState.Initializing })
        {
            // Recipe steps publish while the township is being created: come back once it runs.
            var soon = clock.GetUtcNow().UtcDateTime;
            _retries.AddOrUpdate(townshipName, soon, (_, old) => old < soon ? old : soon);
            return 0;
        }
        if (found is not { State: TownshipState.Running } township) return 0;
        using var _ = LogContext.PushProperty("Township", township.Name);
        var delivered = 0;
        await using var scope = scopes.CreateTownshipScope(township);
        foreach (var registration in _contexts.Where(r => township.IsEnabled(r.FeatureId)))
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            var now = clock.GetUtcNow().UtcDateTime;
            // Undelivered messages by retry time: the due ones are delivered now, the first later one says when to come back.
            var pending = await db.Set<OutboxMessage>()
                .Where(m => m.DeliveredAt == null)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).Take(100).ToListAsync(ct);
            var due = pending.Where(m => m.NextAttemptAt <= now).ToList();
            foreach (var message in due)
            {
                try
                {
                    await InvokeHandlersAsync(township, message, ct);
                    message.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                    delivered++;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    message.Attempts++;
                    message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                    message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts);
                    LogHandlerFailed(logger, ex, message.Type, message.Id, message.Attempts);
                }
            }
            if (due.Count > 0) await db.SaveChangesAsync(ct);
            if (due.Count == 100) signal.Notify(township.Name);
            if (pending.Where(m => m.DeliveredAt == null).Select(m => (DateTime?)m.NextAttemptAt).Min() is { } retryAt)
                _retries.AddOrUpdate(township.Name, retryAt, (_, old) => old < retryAt ? old : retryAt);
        }
        return delivered;
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(attempts, 12))));

    private async Task InvokeHandlersAsync(Township township, OutboxMessage message, CancellationToken ct)
    {
        foreach (var registration in _handlers[message.Type].Where(h => township.IsEnabled(h.FeatureId)))
        {
            var payload = OutboxExtensions.Deserialize(message.Payload, registration.EventType)
                ?? throw new InvalidOperationException($"Event {message.Id} has an empty payload.");
            await using var scope = scopes.CreateTownshipScope(township);
            var handler = scope.ServiceProvider.GetRequiredService(registration.HandlerType);
            var method = HandleMethods.GetOrAdd(registration.EventType,
                t => typeof(IEventHandler<>).MakeGenericType(t).GetMethod(nameof(IEventHandler<object>.HandleAsync))!);
            var context = new EventContext(message.Id, township, message.CreatedAt, message.Attempts + 1);
            try
            {
                await (Task)method.Invoke(handler, [payload, context, ct])!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Outbox dispatch for township {Township} failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex, string township);

    [LoggerMessage(LogLevel.Warning, "Handler for {Type} failed on message {Id} (attempt {Attempts}); will retry")]
    private static partial void LogHandlerFailed(ILogger logger, Exception ex, string type, Guid id, int attempts);
}
