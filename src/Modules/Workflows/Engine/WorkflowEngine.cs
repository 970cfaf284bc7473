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
public sealed partial class WorkflowEngine(WorkflowsDbContext db, ActivityRegistry registry, TimeProvider clock, TimerSignal signal, Township township, IWorkingCalendar calendar)
{
    public const int MaxExecutionsPerStep = 1000;

    private readonly List<DateTime> _newTimers = [];

    private DateTime Now => _dryRun?.Now ?? clock.GetUtcNow().UtcDateTime;

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
            if (_dryRun is { } dry) DryRunLost(dry, session, bookmark, losers);
            else if (timerIds.Count > 0)
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
                    if (wait.Kind == WaitKind.Timer) AddTimer(session.Instance.Id, node.Id!, wait.DueAt!.Value, node.Properties?["duration"]?.ToString());
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
            // As in a real run: the timers still waiting are dropped with the instance.
            foreach (var t in dry.Timers.Where(t => t.State == DryRunTimer.Pending)) t.State = DryRunTimer.Cancelled;
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

    private void AddTimer(string instanceId, string activityId, DateTime dueAt, string? duration = null)
    {
        if (_dryRun is { } dry)
        {
            dry.Timers.Add(new DryRunTimer(activityId, duration, dry.Now, dueAt));
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
