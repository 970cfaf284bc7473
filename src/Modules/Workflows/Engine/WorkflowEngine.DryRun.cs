using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>
/// The designer's dry run ("试运行"): the whole path of a definition on an in-memory instance, each wait assumed
/// satisfied in turn, on a simulated clock. Nothing touches the database, the outbox or the network.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>A dry run stops after this many activity executions (a loop through waits would otherwise never end).</summary>
    public const int DryRunMaxActivities = 300;

    /// <summary>Set while <see cref="DryRunAsync"/> runs: timers and events are recorded here instead of the database.</summary>
    private DryRunCapture? _dryRun;

    private sealed class DryRunCapture(DateTime now)
    {
        /// <summary>The simulated clock: moves to a timer's due time when the timer is taken.</summary>
        public DateTime Now { get; set; } = now;
        public List<DryRunTimer> Timers { get; } = [];
        public List<object> Published { get; } = [];
        public List<DryRunAssumption> Assumptions { get; } = [];
        public Dictionary<string, int> Visits { get; } = new(StringComparer.Ordinal);

        public void Cancel(string activityId)
        {
            foreach (var t in Timers.Where(t => t.ActivityId == activityId && t.State == DryRunTimer.Pending)) t.State = DryRunTimer.Cancelled;
        }
    }

    /// <summary>
    /// Runs a definition (saved or not) on an in-memory instance to its end: each time it waits, one wait is taken as
    /// satisfied and the run goes on. A user task, signal or module event takes the outcome <paramref name="choices"/>
    /// names for it (a string, or a list used visit by visit) or else its first outcome, which is reported as an
    /// assumption; an explicitly chosen wait goes first, then the earliest timer (the deadline passes with nobody
    /// acting), then the other waits. Timers are due as a real run would set them (working days on the township's
    /// calendar), counted from the simulated time at which they are set. Nothing is added to the database context,
    /// no timer is stored or announced, no event is published.
    /// </summary>
    public async Task<DryRunResult> DryRunAsync(DefinitionDocument document, JsonNode? input, string? correlationId, CancellationToken ct,
        JsonObject? choices = null)
    {
        var capture = _dryRun = new DryRunCapture(clock.GetUtcNow().UtcDateTime);
        var now = capture.Now;
        var instance = new WorkflowInstance
        {
            Id = "dry-run", DefinitionId = document.Id ?? "", Version = document.Version ?? 0,
            CorrelationId = string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim(),
            Input = input?.ToJsonString() ?? "null", CreatedAt = now, UpdatedAt = now,
        };
        var session = new InstanceSession(instance, document);
        session.State.Pending.AddRange((document.StartActivities ?? []).Select(s => new Token(s, null, null, null)));
        string? stopped = null;
        try
        {
            await RunAsync(session, ct);
            while (instance.Status == InstanceStatus.Waiting && session.State.Waiting.Count > 0)
            {
                if (session.Path.Count >= DryRunMaxActivities)
                {
                    stopped = $"试运行已执行 {session.Path.Count} 个活动仍未结束,已停止(上限 {DryRunMaxActivities} 个):流程可能在等待之间循环,请检查连线或改选人工任务的结果";
                    break;
                }
                var (bookmark, outcome, output) = Take(session, capture, choices);
                await ResumeAsync(session, bookmark, outcome, output, ct);
            }
        }
        finally
        {
            _dryRun = null;
            _newTimers.Clear();
        }
        return new DryRunResult(instance.Status, session.Path.DeepClone(), session.Properties.DeepClone(), session.Outputs.DeepClone(),
            [.. session.State.Waiting], capture.Timers,
            [.. capture.Published.Select(e => new DryRunEvent(e.GetType().Name, JsonSerializer.SerializeToNode(e, e.GetType(), DefinitionDocument.JsonOptions)))],
            instance.Fault, capture.Assumptions, stopped);
    }

    /// <summary>Picks the wait to satisfy next and the outcome it takes; records the assumption.</summary>
    private (Bookmark Bookmark, string Outcome, JsonNode? Output) Take(InstanceSession session, DryRunCapture capture, JsonObject? choices)
    {
        var waiting = session.State.Waiting;
        var bookmark = waiting.FirstOrDefault(b => b.Kind != nameof(WaitKind.Timer) && choices?[b.ActivityId] is not null)
            ?? waiting.Where(b => b.Kind == nameof(WaitKind.Timer)).OrderBy(b => b.DueAt).FirstOrDefault()
            ?? waiting[0];
        var node = session.Definition.Activity(bookmark.ActivityId);
        if (bookmark.Kind == nameof(WaitKind.Timer))
        {
            var due = bookmark.DueAt ?? capture.Now;
            if (due > capture.Now) capture.Now = due;
            foreach (var t in capture.Timers.Where(t => t.ActivityId == bookmark.ActivityId && t.State == DryRunTimer.Pending)) t.State = DryRunTimer.Fired;
            return (bookmark, Outcomes.Done, JsonValue.Create(capture.Now));
        }

        var options = registry.Find(node.Type)?.Outcomes(node.Properties ?? []) ?? [];
        var visit = capture.Visits[bookmark.ActivityId] = capture.Visits.GetValueOrDefault(bookmark.ActivityId) + 1;
        var chosen = Choice(choices?[bookmark.ActivityId], visit);
        var outcome = chosen is not null && options.Contains(chosen) ? chosen : options.FirstOrDefault() ?? Outcomes.Done;
        var explicitly = chosen is not null && outcome == chosen;
        var label = node.Name is { Length: > 0 } name ? $"{name}({node.Id})" : node.Id;
        var what = bookmark.Kind switch
        {
            nameof(WaitKind.UserTask) => $"人工任务“{label}”",
            nameof(WaitKind.Signal) => $"等待“{label}”" + (bookmark.Signal is { Length: > 0 } s ? $"(信号 {s})" : ""),
            _ => $"等待“{label}”",
        };
        var message = bookmark.Kind == nameof(WaitKind.UserTask)
            ? $"{what}{(explicitly ? "按所选" : "假定")}选择“{outcome}”{(explicitly ? "" : "(未指定,取第一个结果)")}"
            : $"{what}假定已到达,走“{outcome}”";
        capture.Assumptions.Add(new DryRunAssumption(bookmark.ActivityId, bookmark.Kind, outcome, explicitly, options, capture.Now, message));
        return (bookmark, outcome, bookmark.Kind == nameof(WaitKind.UserTask) ? JsonValue.Create(outcome) : null);
    }

    /// <summary>A choice is an outcome name, or a list of them taken visit by visit (the last one repeats).</summary>
    private static string? Choice(JsonNode? choice, int visit) => choice switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray { Count: > 0 } a => a[Math.Min(visit, a.Count) - 1] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null,
        _ => null,
    };

    /// <summary>In a dry run, a race's losers are reported instead of having timer rows deleted.</summary>
    private void DryRunLost(DryRunCapture capture, InstanceSession session, Bookmark winner, IEnumerable<Bookmark> losers)
    {
        foreach (var loser in losers)
        {
            if (loser.Kind == nameof(WaitKind.Timer)) { capture.Cancel(loser.ActivityId); continue; }
            var node = session.Definition.Activity(loser.ActivityId);
            var label = node.Name is { Length: > 0 } name ? $"{name}({node.Id})" : node.Id;
            capture.Assumptions.Add(new DryRunAssumption(loser.ActivityId, loser.Kind, null, false,
                registry.Find(node.Type)?.Outcomes(node.Properties ?? []) ?? [], capture.Now,
                $"“{label}”假定在“{winner.ActivityId}”之前未办理,不再等待"));
        }
    }

    /// <summary>The problems with a dry run's choices: unknown activities, activities that do not wait, outcomes they lack.</summary>
    public IReadOnlyList<string> CheckChoices(DefinitionDocument document, JsonObject? choices)
    {
        var errors = new List<string>();
        foreach (var (activityId, choice) in choices ?? [])
        {
            var node = document.Activities?.FirstOrDefault(a => a.Id == activityId);
            if (node is null) { errors.Add($"试运行选择中的活动“{activityId}”不是本流程的活动"); continue; }
            var options = registry.Find(node.Type)?.Outcomes(node.Properties ?? []) ?? [];
            var names = choice switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => [s],
                JsonArray a when a.All(n => n is JsonValue x && x.TryGetValue<string>(out _)) => a.Select(n => n!.GetValue<string>()).ToList(),
                _ => null,
            };
            if (names is null || names.Count == 0) { errors.Add($"活动“{activityId}”的试运行选择须为结果名称或结果名称列表"); continue; }
            foreach (var name in names.Where(n => !options.Contains(n)))
                errors.Add($"活动“{activityId}”没有结果“{name}”(可用:{string.Join("、", options)})");
        }
        return errors;
    }
}

/// <summary>What a dry run did: the path taken, the state reached, the timers set, the events that would leave and what was assumed.</summary>
public sealed record DryRunResult(
    string Status, JsonNode Path, JsonNode Properties, JsonNode Outputs, IReadOnlyList<Bookmark> Waiting,
    IReadOnlyList<DryRunTimer> Timers, IReadOnlyList<DryRunEvent> Published, string? Fault,
    IReadOnlyList<DryRunAssumption> Assumptions, string? Stopped);

/// <summary>A timer the run set: when (simulated time), for how long, when due, and whether it fired, was cancelled or still waits.</summary>
public sealed class DryRunTimer(string activityId, string? duration, DateTime setAt, DateTime dueAt)
{
    public const string Pending = "pending";
    public const string Fired = "fired";
    public const string Cancelled = "cancelled";

    public string ActivityId { get; } = activityId;
    public string? Duration { get; } = duration;
    public DateTime SetAt { get; } = DateTime.SpecifyKind(setAt, DateTimeKind.Utc);
    public DateTime DueAt { get; } = DateTime.SpecifyKind(dueAt, DateTimeKind.Utc);
    public string State { get; set; } = Pending;
}

/// <summary>A wait the dry run took as satisfied (or, <see cref="Outcome"/> null, as lost to a faster branch of a race).</summary>
public sealed record DryRunAssumption(string ActivityId, string Kind, string? Outcome, bool Chosen, IReadOnlyList<string> Options, DateTime At, string Message);

public sealed record DryRunEvent(string Type, JsonNode? Data);
