using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Engine;

/// <summary>The designer's dry run.</summary>
public sealed partial class WorkflowEngine
{
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
}

/// <summary>What a dry run did: the path taken, the state reached, the timers that would be set and the events that would leave.</summary>
public sealed record DryRunResult(
    string Status, JsonNode Path, JsonNode Properties, JsonNode Outputs, IReadOnlyList<Bookmark> Waiting,
    IReadOnlyList<DryRunTimer> Timers, IReadOnlyList<DryRunEvent> Published, string? Fault);

public sealed record DryRunTimer(string ActivityId, DateTime DueAt);

public sealed record DryRunEvent(string Type, JsonNode? Data);
