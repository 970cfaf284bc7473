using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>
/// Remembers, per township, the earliest due timer it knows of, so that a tick touches only townships
/// with something due and an idle township costs no query (nor a pooled connection). Every township is
/// read once at start (timers survive restarts); after that, steps report new timers after their commit.
/// </summary>
public sealed class TimerSignal
{
    private readonly ConcurrentDictionary<string, DateTime> _next = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _notified = new(StringComparer.Ordinal);

    /// <summary>Called after the commit that stored a timer due at <paramref name="dueAt"/>.</summary>
    public void Notify(string township, DateTime dueAt)
        => _notified.AddOrUpdate(township, dueAt, (_, current) => dueAt < current ? dueAt : current);

    /// <summary>
    /// True when the township may have a due timer. A township never looked at is asked only in the
    /// start-up pass: one created later has no timer this process was not told about.
    /// </summary>
    internal bool MayBeDue(string township, DateTime now, bool startupPass = false)
        => (_notified.TryGetValue(township, out var n) && n <= now)
           || (_next.TryGetValue(township, out var next) ? next <= now : startupPass);

    /// <summary>Before a township's sweep: notifications from here on are kept for the next one.</summary>
    internal void BeginSweep(string township) => _notified.TryRemove(township, out _);

    internal void EndSweep(string township, DateTime? next) => _next[township] = next ?? DateTime.MaxValue;

}

/// <summary>
/// Fires due timers for every running township with Workflows enabled, whether or not it served a
/// request since the start. Each timer fires in its own step (one transaction that also deletes its row).
/// </summary>
internal sealed partial class TimerSweeper(
    ITownshipManager townships,
    ITownshipScopeFactory scopes,
    TimerSignal signal,
    TimeProvider clock,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startupPass = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAllAsync(startupPass, stoppingToken);
                startupPass = false;
                await Task.Delay(Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    internal async Task SweepAllAsync(bool startupPass, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var township in townships.List().Where(t => t.State == TownshipState.Running && t.IsEnabled(WorkflowFeatures.Workflows)))
        {
            if (!signal.MayBeDue(township.Name, now, startupPass)) continue;
            try
            {
                signal.BeginSweep(township.Name);
                await using var scope = scopes.CreateScope(township);
                var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
                while (await engine.RunDueTimersAsync(Batch, ct) == Batch) { }
                signal.EndSweep(township.Name, await db.Timers.AsNoTracking().OrderBy(t => t.DueAt).Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync(ct));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogFailed(logger, ex, township.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow timers of township {Township} could not be swept")]
    private static partial void LogFailed(ILogger logger, Exception ex, string township);
}
