namespace Zhizhi.Orchard.Workflows.Instances;

public static class InstanceStatus
{
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Finished = "finished";
    public const string Faulted = "faulted";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Running, Waiting, Finished, Faulted, Cancelled];
}

/// <summary>
/// A running case of one definition version. The JSON columns hold the instance's data; <see cref="State"/>
/// holds the engine's bookkeeping (what waits, what is queued, which join branches arrived).
/// </summary>
public sealed class WorkflowInstance
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public string? CorrelationId { get; set; }
    public string Status { get; set; } = InstanceStatus.Running;
    public string Input { get; set; } = "null";
    public string Properties { get; set; } = "{}";
    public string Outputs { get; set; } = "{}";
    public string Path { get; set; } = "[]";
    public string State { get; set; } = "{}";
    public string? Fault { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Bumped by every step: two steps of one instance racing (a signal and a timer) cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>A durable timer: deleted in the same transaction as the step that consumes it, so a crash never loses one.</summary>
public sealed class WorkflowTimer
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public DateTime DueAt { get; set; }
}
