using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>Timers: firing the due ones, pausing and resuming them per correlation id.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Suspends the waiting timers of the instances under the correlation id (e.g. a dispute case paused while an
    /// expert report is awaited): each timer keeps the time it had left in its bookmark and its row is deleted,
    /// in one step per instance, so the sweeper cannot fire it. Signals and user tasks still resume the instance.
    /// Returns how many timers were paused; timers already paused are left as they are.
    /// </summary>
    public Task<int> PauseTimersAsync(string correlationId, CancellationToken ct)
        => ForEachWaitingAsync(correlationId, session =>
        {
            var now = Now;
            var running = session.State.Waiting.Where(b => b.Kind == nameof(WaitKind.Timer) && b.Remaining is null).ToList();
            foreach (var b in running)
            {
                var left = (b.DueAt ?? now) - now;
                session.State.Waiting[session.State.Waiting.IndexOf(b)] = b with { Remaining = left > TimeSpan.Zero ? left : TimeSpan.Zero };
            }
            return running.Select(b => b.ActivityId).ToList();
        }, async (session, activityIds) =>
        {
            var id = session.Instance.Id;
            db.Timers.RemoveRange(await db.Timers.Where(t => t.InstanceId == id && activityIds.Contains(t.ActivityId)).ToListAsync(ct));
        }, ct);

    /// <summary>
    /// Sets the paused timers of the instances under the correlation id again, each due after the time it had left.
    /// The remaining time counts as elapsed time from now, also for a deadline that was set in working days.
    /// Returns how many timers were resumed.
    /// </summary>
    public Task<int> ResumeTimersAsync(string correlationId, CancellationToken ct)
        => ForEachWaitingAsync(correlationId, session =>
        {
            var now = Now;
            var paused = session.State.Waiting.Where(b => b.Kind == nameof(WaitKind.Timer) && b.Remaining is not null).ToList();
            foreach (var b in paused)
            {
                var due = now + b.Remaining!.Value;
                session.State.Waiting[session.State.Waiting.IndexOf(b)] = b with { DueAt = due, Remaining = null };
                AddTimer(session.Instance.Id, b.ActivityId, due);
            }
            return paused.Select(b => b.ActivityId).ToList();
        }, (_, _) => Task.CompletedTask, ct);

    /// <summary>
    /// Changes the timer bookmarks of each waiting instance under the correlation id in a step of its own; a step that
    /// loses a race (a timer fired or a signal arrived meanwhile: the revision changed) is read and tried again.
    /// </summary>
    private async Task<int> ForEachWaitingAsync(string correlationId, Func<InstanceSession, List<string>> change,
        Func<InstanceSession, List<string>, Task> rows, CancellationToken ct)
    {
        var ids = await db.Instances.AsNoTracking()
            .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Waiting).Select(i => i.Id).ToListAsync(ct);
        var changed = 0;
        foreach (var id in ids)
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                db.ChangeTracker.Clear();
                _newTimers.Clear();
                var session = await LoadAsync(id, ct);
                if (session is null || session.Instance.Status != InstanceStatus.Waiting) break;
                var activityIds = change(session);
                if (activityIds.Count == 0) break;
                await rows(session, activityIds);
                session.Write(Now);
                if (await SaveAsync(ct))
                {
                    changed += activityIds.Count;
                    break;
                }
            }
        }
        return changed;
    }

    /// <summary>Fires the due timers of this township (the sweeper calls it per township); returns how many fired.</summary>
    public async Task<int> RunDueTimersAsync(int max, CancellationToken ct)
    {
        var now = Now;
        var due = await db.Timers.AsNoTracking().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Take(max).ToListAsync(ct);
        var fired = 0;
        foreach (var timer in due)
        {
            db.ChangeTracker.Clear();
            db.Timers.Remove(timer);
            var session = await LoadAsync(timer.InstanceId, ct);
            var bookmark = session?.State.Waiting.FirstOrDefault(b => b.ActivityId == timer.ActivityId && b.Kind == nameof(WaitKind.Timer) && b.Remaining is null);
            // A faulted instance keeps its timer bookmarks; retry puts their rows back.
            if (session is not null && bookmark is not null && session.Instance.Status == InstanceStatus.Waiting)
                await ResumeAsync(session, bookmark, Outcomes.Done, JsonValue.Create(now), ct);
            if (await SaveAsync(ct)) fired++;
        }
        return fired;
    }
}
