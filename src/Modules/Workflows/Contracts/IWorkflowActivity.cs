using System.Text.Json.Nodes;

namespace Zhizhi.Orchard.Workflows.Contracts;

/// <summary>
/// One activity type of the workflow engine. The engine's own types (Start, If, Timer ...) implement it,
/// and other modules contribute theirs (e.g. "dispute reported") by registering an implementation as a
/// singleton <see cref="IWorkflowActivity"/> in their feature startup.
/// </summary>
public interface IWorkflowActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>The outcomes an activity of this type can end with, given its properties (e.g. a user task's buttons).</summary>
    IReadOnlyList<string> Outcomes(JsonObject properties);

    /// <summary>Runs the activity. Must not have side effects outside the instance: it runs inside the step's transaction.</summary>
    ActivityResult Execute(ActivityContext context);
}

public enum PropertyKind
{
    Text,
    /// <summary>A JavaScript expression, checked for syntax on import.</summary>
    Script,
    /// <summary>An ISO 8601 duration (P7D, PT30S).</summary>
    Duration,
    /// <summary>A list of names (user-task buttons, switch cases).</summary>
    Names,
    Boolean,
    /// <summary>A Liquid template (Scriban in Liquid mode) seeing input and properties, checked for syntax on import.</summary>
    Liquid,
}

public sealed record ActivityProperty(string Name, string Label, PropertyKind Kind, bool Required = true);

/// <summary>What the registry (and later the designer) knows of an activity type. Names are Chinese.</summary>
public sealed record ActivityDescriptor(string Type, string Name, string Category, IReadOnlyList<ActivityProperty> Properties, string? Description = null);

/// <summary>What an activity sees: its own properties, the instance's input and properties, and the sandboxed script runner.</summary>
public sealed class ActivityContext
{
    public required string InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public string? CorrelationId { get; init; }
    public required JsonObject Properties { get; init; }
    public required JsonNode? Input { get; init; }
    public required JsonObject InstanceProperties { get; init; }
    public required DateTime UtcNow { get; init; }
    public required Func<string, JsonNode?> Evaluate { get; init; }

    /// <summary>
    /// Queues an event into the Workflows outbox, in the step's transaction: it leaves only if the step commits,
    /// and exactly once per committed step (handlers are at-least-once, so they stay idempotent). This is how
    /// an activity has effects outside its instance (a module task such as "route the dispute to the township").
    /// </summary>
    public required Action<object> Publish { get; init; }

    /// <summary>
    /// When a deadline given as an ISO 8601 duration falls from now: whole days (P7D) count working days on the
    /// township's calendar, shorter durations (PT2H, PT30S) elapsed time. Null when the text is not a positive duration.
    /// </summary>
    public required Func<string?, DateTime?> DueAfter { get; init; }

    public string? Text(string name) => Properties[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

public enum WaitKind
{
    Signal,
    Timer,
    UserTask,
}

public abstract record ActivityResult
{
    /// <summary>Continue along the transitions of these outcomes; <paramref name="output"/> is kept as the activity's output.</summary>
    public static ActivityResult Done(string outcome, JsonNode? output = null) => new Completed([outcome], output);
    public static ActivityResult Wait(WaitKind kind, string? signal = null, DateTime? dueAt = null) => new Waiting(kind, signal, dueAt);
    public static ActivityResult Fault(string message) => new Faulted(message);
    /// <summary>Ends the whole instance: every other waiting branch and timer is dropped.</summary>
    public static ActivityResult Finish() => new Finished();

    public sealed record Completed(IReadOnlyList<string> Outcomes, JsonNode? Output) : ActivityResult;
    public sealed record Waiting(WaitKind Kind, string? Signal, DateTime? DueAt) : ActivityResult;
    public sealed record Faulted(string Message) : ActivityResult;
    public sealed record Finished : ActivityResult;
}

/// <summary>Starts and resumes workflow instances from other modules (e.g. dispute routing).</summary>
public interface IWorkflowRuntime
{
    /// <returns>The new instance's id, or null when the definition does not exist or is disabled.</returns>
    Task<string?> StartAsync(string definitionId, JsonNode? input, string? correlationId, CancellationToken ct);

    /// <returns>How many waiting instances the signal resumed.</returns>
    Task<int> SignalAsync(string correlationId, string signal, JsonNode? payload, CancellationToken ct);

    /// <summary>
    /// Completes the user task(s) waiting under the correlation id whose buttons include <paramref name="outcome"/>
    /// (e.g. a staff action on a dispute). Returns how many tasks it completed; 0 when none waits for that outcome.
    /// </summary>
    Task<int> CompleteTaskAsync(string correlationId, string outcome, CancellationToken ct);

    /// <summary>
    /// Suspends the waiting timers of the instances under the correlation id: each keeps the time it had left and
    /// cannot fire until <see cref="ResumeTimersAsync"/>. Returns how many timers were paused (0 when already paused).
    /// </summary>
    Task<int> PauseTimersAsync(string correlationId, CancellationToken ct);

    /// <summary>
    /// Sets the paused timers again, each due after the time it had left when paused. That remaining time counts as
    /// elapsed time from the resume, also for a deadline first set in working days. Returns how many were resumed.
    /// </summary>
    Task<int> ResumeTimersAsync(string correlationId, CancellationToken ct);
}
