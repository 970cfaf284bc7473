using System.Text.Json.Nodes;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.Workflows.Engine;

internal sealed class WorkflowRuntime(WorkflowEngine engine) : IWorkflowRuntime
{
    public async Task<string?> StartAsync(string definitionId, JsonNode? input, string? correlationId, CancellationToken ct)
        => (await engine.StartAsync(definitionId, input, correlationId, ct))?.Id;

    public Task<int> SignalAsync(string correlationId, string signal, JsonNode? payload, CancellationToken ct)
        => engine.SignalAsync(correlationId, signal, payload, ct);

    public Task<int> CompleteTaskAsync(string correlationId, string outcome, CancellationToken ct)
        => engine.CompleteTasksAsync(correlationId, outcome, ct);

    public Task<int> PauseTimersAsync(string correlationId, CancellationToken ct)
        => engine.PauseTimersAsync(correlationId, ct);

    public Task<int> ResumeTimersAsync(string correlationId, CancellationToken ct)
        => engine.ResumeTimersAsync(correlationId, ct);
}
