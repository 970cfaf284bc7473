using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>
/// Runs instances one step at a time: a step runs queued activities until the instance waits, ends or
/// faults, then saves the instance, its new timers and the consumed ones in one SaveChanges (one
/// transaction). The instance's revision is a concurrency token, so of two racing steps one loses.
/// </summary>
public sealed class WorkflowEngine(WorkflowsDbContext db, ActivityRegistry registry, TimeProvider clock, TimerSignal signal, Township township, IWorkingCalendar calendar)
{
    public const int MaxExecutionsPerStep = 1000;

    private readonly List<DateTime> _newTimers = [];

    /// <summary>Set while <see cref="DryRunAsync"/> runs: timers and events are recorded here instead of the database.</summary>
    private DryRunCapture? _dryRun;

    private sealed class DryRunCapture
    {
        public List<DryRunTimer> Timers { get; } = [];
        public List<object> Published { get; } = [];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WorkflowInstance?> StartAsync(string definitionId, JsonNode? input, string? correlationId, CancellationToken ct)
    {
        var definition = await db.Definitions.AsNoTracking().Where(d => d.Id == definitionId)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (definition is not { Enabled: true }) return null;
        var document = definition.Document();
        var now = Now;
        var instance = new WorkflowInstance
        {
            Id = Guid.NewGuid().ToString("N"), DefinitionId = definition.Id, Version = definition.Version,
            CorrelationId = string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim(),
            Input = input?.ToJsonString() ?? "null", CreatedAt = now, UpdatedAt = now,
        };
        var session = new InstanceSession(instance, document);
        session.State.Pending.AddRange(document.StartActivities!.Select(s => new Token(s, null, null, null)));
        await RunAsync(session, ct);
        db.Instances.Add(instance);
        await db.SaveChangesAsync(ct);
        Committed();
        return instance;
    }

    /// <summary>
    /// Runs a definition (saved or not) on an in-memory instance up to its first wait, end or fault, and discards it:
    /// nothing is added to the database context, no timer is stored or announced, no event is published.
    /// </summary>
    public async Task<DryRunResult> DryRunAsync(DefinitionDocument document, JsonNode? input, string? correlationId, CancellationToken ct)
    {
        var now = Now;
        var instance = new WorkflowInstance
        {
            Id = "dry-run", DefinitionId = document.Id ?? "", Version = document.Version ?? 0,
            CorrelationId = string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim(),
            Input = input?.ToJsonString() ?? "null", CreatedAt = now, UpdatedAt = now,
        };
        var session = new InstanceSession(instance, document);
        session.State.Pending.AddRange((document.StartActivities ?? []).Select(s => new Token(s, null, null, null)));
        var capture = _dryRun = new DryRunCapture();
        try
        {
            await RunAsync(session, ct);
        }
        finally
        {
            _dryRun = null;
            _newTimers.Clear();
        }
        return new DryRunResult(instance.Status, session.Path.DeepClone(), session.Properties.DeepClone(), session.Outputs.DeepClone(),
            [.. session.State.Waiting], capture.Timers,
            [.. capture.Published.Select(e => new DryRunEvent(e.GetType().Name, System.Text.Json.JsonSerializer.SerializeToNode(e, e.GetType(), DefinitionDocument.JsonOptions)))],
            instance.Fault);
    }

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

    private async Task<InstanceSession?> LoadAsync(string instanceId, CancellationToken ct)
    {
        var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null) return null;
        var definition = await db.Definitions.AsNoTracking().FirstAsync(d => d.Id == instance.DefinitionId && d.Version == instance.Version, ct);
        return new InstanceSession(instance, definition.Document());
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            Committed();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            _newTimers.Clear();
            return false;
        }
    }

    private async Task ResumeAsync(InstanceSession session, Bookmark bookmark, string outcome, JsonNode? output, CancellationToken ct)
    {
        session.State.Waiting.Remove(bookmark);
        if (bookmark.Race is { } race)
        {
            var losers = session.State.Waiting.Where(b => b.Race == race).ToList();
            foreach (var loser in losers) session.State.Waiting.Remove(loser);
            var timerIds = losers.Where(b => b.Kind == nameof(WaitKind.Timer)).Select(b => b.ActivityId).ToList();
            if (timerIds.Count > 0)
                db.Timers.RemoveRange(await db.Timers.Where(t => t.InstanceId == session.Instance.Id && timerIds.Contains(t.ActivityId)).ToListAsync(ct));
        }
        session.Outputs[bookmark.ActivityId] = output;
        Follow(session, bookmark.ActivityId, outcome, race: null);
        await RunAsync(session, ct);
    }

    private void Follow(InstanceSession session, string activityId, string outcome, string? race)
    {
        foreach (var t in session.Definition.From(activityId, outcome))
            session.State.Pending.Add(new Token(t.To!, activityId, outcome, race));
    }

    private async Task RunAsync(InstanceSession session, CancellationToken ct)
    {
        var state = session.State;
        session.Instance.Status = InstanceStatus.Running;
        var executions = 0;
        while (state.Pending.Count > 0)
        {
            var token = state.Pending[0];
            state.Pending.RemoveAt(0);
            if (++executions > MaxExecutionsPerStep)
            {
                Fault(session, token, $"一步之内执行了超过 {MaxExecutionsPerStep} 个活动,流程可能有不等待的循环");
                return;
            }
            var node = session.Definition.Activity(token.ActivityId);
            var type = registry.Find(node.Type);
            if (type is null) { Fault(session, token, $"活动类型“{node.Type}”未注册"); return; }
            if (node.Type == "Join" && !Arrived(session, token)) continue;

            session.Path.Add(new JsonObject { ["activityId"] = node.Id, ["at"] = Now });
            ActivityResult result;
            try
            {
                result = type.Execute(new ActivityContext
                {
                    InstanceId = session.Instance.Id, ActivityId = node.Id!, CorrelationId = session.Instance.CorrelationId,
                    Properties = node.Properties ?? [], Input = session.Input, InstanceProperties = session.Properties, UtcNow = Now,
                    Evaluate = script => ScriptSandbox.Evaluate(script, session.Input, session.Properties),
                    Publish = evt =>
                    {
                        if (_dryRun is { } dry) dry.Published.Add(evt);
                        else db.PublishObject(evt, Now);
                    },
                    // Activities are synchronous; the calendar answers from its per-township cache, so this rarely blocks.
                    DueAfter = text => Deadlines.DueAsync(calendar, Now, text).AsTask().GetAwaiter().GetResult(),
                });
            }
            catch (ScriptFailedException ex)
            {
                result = ActivityResult.Fault($"活动“{node.Id}”:{ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // A contributed activity that throws faults its instance, never the request or the sweeper.
                result = ActivityResult.Fault($"活动“{node.Id}”执行出错:{ex.Message}");
            }

            switch (result)
            {
                case ActivityResult.Completed done:
                    if (done.Output is not null) session.Outputs[node.Id!] = done.Output;
                    var race = node.Type == "Fork" && node.Properties?["race"] is JsonValue r && r.TryGetValue<bool>(out var isRace) && isRace ? node.Id : token.Race;
                    foreach (var outcome in done.Outcomes) Follow(session, node.Id!, outcome, race);
                    break;
                case ActivityResult.Waiting wait:
                    state.Waiting.Add(new Bookmark(node.Id!, wait.Kind.ToString(), wait.Signal, wait.DueAt, token.Race));
                    if (wait.Kind == WaitKind.Timer) AddTimer(session.Instance.Id, node.Id!, wait.DueAt!.Value);
                    break;
                case ActivityResult.Faulted fault:
                    Fault(session, token, fault.Message);
                    return;
                case ActivityResult.Finished:
                    await EndAsync(session, InstanceStatus.Finished, ct);
                    session.Write(Now);
                    return;
            }
        }
        session.Instance.Status = state.Waiting.Count > 0 ? InstanceStatus.Waiting : InstanceStatus.Finished;
        if (session.Instance.Status == InstanceStatus.Finished) session.Instance.FinishedAt = Now;
        session.Write(Now);
    }

    /// <summary>Records the branch that reached a join; true when every incoming transition has arrived.</summary>
    private static bool Arrived(InstanceSession session, Token token)
    {
        var joinId = token.ActivityId;
        var incoming = session.Definition.Transitions!.Where(t => t.To == joinId).Select(t => $"{t.From}/{t.Outcome}").Distinct().ToList();
        if (!session.State.Joins.TryGetValue(joinId, out var arrived)) session.State.Joins[joinId] = arrived = [];
        var key = $"{token.From}/{token.Outcome}";
        if (!arrived.Contains(key)) arrived.Add(key);
        if (!incoming.All(arrived.Contains)) return false;
        session.State.Joins.Remove(joinId);
        return true;
    }

    private void Fault(InstanceSession session, Token token, string message)
    {
        session.State.Pending.Insert(0, token);
        session.Instance.Status = InstanceStatus.Faulted;
        session.Instance.Fault = message.Length > 2000 ? message[..2000] : message;
        session.Write(Now);
    }

    private async Task EndAsync(InstanceSession session, string status, CancellationToken ct)
    {
        session.State.Waiting.Clear();
        session.State.Pending.Clear();
        session.State.Joins.Clear();
        if (_dryRun is { } dry)
        {
            // As in a real step: timers set earlier in the step are dropped with the instance.
            dry.Timers.Clear();
            session.Instance.Status = status;
            session.Instance.FinishedAt = Now;
            return;
        }
        var id = session.Instance.Id;
        db.Timers.RemoveRange(await db.Timers.Where(t => t.InstanceId == id).ToListAsync(ct));
        foreach (var entry in db.ChangeTracker.Entries<WorkflowTimer>().Where(e => e.Entity.InstanceId == id && e.State == EntityState.Added).ToList())
            entry.State = EntityState.Detached;
        session.Instance.Status = status;
        session.Instance.FinishedAt = Now;
    }

    private void AddTimer(string instanceId, string activityId, DateTime dueAt)
    {
        if (_dryRun is { } dry)
        {
            dry.Timers.Add(new DryRunTimer(activityId, DateTime.SpecifyKind(dueAt, DateTimeKind.Utc)));
            return;
        }
        db.Timers.Add(new WorkflowTimer { InstanceId = instanceId, ActivityId = activityId, DueAt = dueAt });
        _newTimers.Add(dueAt);
    }

    /// <summary>Tells the sweeper about new timers only once they are committed, so a sweep cannot miss them.</summary>
    private void Committed()
    {
        if (_newTimers.Count > 0) signal.Notify(township.Name, _newTimers.Min());
        _newTimers.Clear();
    }
}

/// <summary>What a dry run did: the path taken, the state reached, the timers that would be set and the events that would leave.</summary>
public sealed record DryRunResult(
    string Status, JsonNode Path, JsonNode Properties, JsonNode Outputs, IReadOnlyList<Bookmark> Waiting,
    IReadOnlyList<DryRunTimer> Timers, IReadOnlyList<DryRunEvent> Published, string? Fault);

public sealed record DryRunTimer(string ActivityId, DateTime DueAt);

public sealed record DryRunEvent(string Type, JsonNode? Data);
