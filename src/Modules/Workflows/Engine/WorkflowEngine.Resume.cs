using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>Resuming waiting instances: user tasks, signals, cancel and retry.</summary>
public sealed partial class WorkflowEngine
{
    public enum ResumeResult { Resumed, NotFound, NotWaiting, UnknownOutcome, Conflict }

    public async Task<ResumeResult> CompleteTaskAsync(string instanceId, string activityId, string outcome, CancellationToken ct)
    {
        var session = await LoadAsync(instanceId, ct);
        if (session is null) return ResumeResult.NotFound;
        var bookmark = session.State.Waiting.FirstOrDefault(b => b.ActivityId == activityId && b.Kind == nameof(WaitKind.UserTask));
        if (session.Instance.Status != InstanceStatus.Waiting || bookmark is null) return ResumeResult.NotWaiting;
        var node = session.Definition.Activity(activityId);
        if (!registry.Find(node.Type)!.Outcomes(node.Properties ?? []).Contains(outcome)) return ResumeResult.UnknownOutcome;
        await ResumeAsync(session, bookmark, outcome, JsonValue.Create(outcome), ct);
        return await SaveAsync(ct) ? ResumeResult.Resumed : ResumeResult.Conflict;
    }

    /// <summary>Completes the user tasks waiting under the correlation id that offer <paramref name="outcome"/> (an index seek, no scan).</summary>
    public async Task<int> CompleteTasksAsync(string correlationId, string outcome, CancellationToken ct)
    {
        var ids = await db.Instances.AsNoTracking()
            .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Waiting).Select(i => i.Id).ToListAsync(ct);
        var completed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var session = await LoadAsync(id, ct);
            if (session is null || session.Instance.Status != InstanceStatus.Waiting) continue;
            var bookmark = session.State.Waiting.FirstOrDefault(b => b.Kind == nameof(WaitKind.UserTask)
                && session.Definition.Activity(b.ActivityId) is var node
                && registry.Find(node.Type)?.Outcomes(node.Properties ?? []).Contains(outcome) == true);
            if (bookmark is null) continue;
            await ResumeAsync(session, bookmark, outcome, JsonValue.Create(outcome), ct);
            if (await SaveAsync(ct)) completed++;
        }
        return completed;
    }

    /// <summary>Resumes every instance waiting for <paramref name="name"/> under the correlation id (an index seek, no scan).</summary>
    public async Task<int> SignalAsync(string correlationId, string name, JsonNode? payload, CancellationToken ct)
    {
        var ids = await db.Instances.AsNoTracking()
            .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Waiting).Select(i => i.Id).ToListAsync(ct);
        var resumed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var session = await LoadAsync(id, ct);
            var bookmark = session?.State.Waiting.FirstOrDefault(b => b.Kind == nameof(WaitKind.Signal) && b.Signal == name);
            if (session is null || bookmark is null || session.Instance.Status != InstanceStatus.Waiting) continue;
            await ResumeAsync(session, bookmark, Outcomes.Done, payload?.DeepClone(), ct);
            if (await SaveAsync(ct)) resumed++;
        }
        return resumed;
    }

    public async Task<ResumeResult> CancelAsync(string instanceId, CancellationToken ct)
    {
        var session = await LoadAsync(instanceId, ct);
        if (session is null) return ResumeResult.NotFound;
        if (session.Instance.Status is not (InstanceStatus.Waiting or InstanceStatus.Faulted)) return ResumeResult.NotWaiting;
        await EndAsync(session, InstanceStatus.Cancelled, ct);
        session.Write(Now);
        return await SaveAsync(ct) ? ResumeResult.Resumed : ResumeResult.Conflict;
    }

    /// <summary>Runs a faulted instance again from the activity that faulted; its timers are set again as they were.</summary>
    public async Task<ResumeResult> RetryAsync(string instanceId, CancellationToken ct)
    {
        var session = await LoadAsync(instanceId, ct);
        if (session is null) return ResumeResult.NotFound;
        if (session.Instance.Status != InstanceStatus.Faulted) return ResumeResult.NotWaiting;
        db.Timers.RemoveRange(await db.Timers.Where(t => t.InstanceId == instanceId).ToListAsync(ct));
        foreach (var b in session.State.Waiting.Where(b => b.Kind == nameof(WaitKind.Timer) && b.Remaining is null))
            AddTimer(session.Instance.Id, b.ActivityId, b.DueAt ?? Now);
        session.Instance.Fault = null;
        await RunAsync(session, ct);
        return await SaveAsync(ct) ? ResumeResult.Resumed : ResumeResult.Conflict;
    }
}
