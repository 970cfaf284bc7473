using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Engine;
using static Zhizhi.Orchard.Workflows.Engine.WorkflowEngine;

namespace Zhizhi.Orchard.Workflows.Instances;

public sealed record StartRequest(JsonNode? Input, string? CorrelationId);
public sealed record SignalRequest(string? CorrelationId, string? Signal, JsonNode? Payload);
public sealed record OutcomeRequest(string? ActivityId, string? Outcome);

public sealed record InstanceDto(
    string Id, string DefinitionId, int Version, string? CorrelationId, string Status,
    JsonNode? Input, JsonNode? Properties, JsonNode? Outputs, JsonNode? Path, JsonNode? Waiting, string? Fault,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FinishedAt)
{
    public static InstanceDto From(WorkflowInstance i)
    {
        var state = JsonNode.Parse(i.State);
        return new(i.Id, i.DefinitionId, i.Version, i.CorrelationId, i.Status, JsonNode.Parse(i.Input), JsonNode.Parse(i.Properties),
            JsonNode.Parse(i.Outputs), JsonNode.Parse(i.Path), state?["waiting"]?.DeepClone() ?? new JsonArray(), i.Fault,
            DateTime.SpecifyKind(i.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(i.UpdatedAt, DateTimeKind.Utc),
            i.FinishedAt is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null);
    }
}

internal static class InstanceEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows").WithTags("流程").RequirePermission(WorkflowPermissions.Manage);
        group.MapPost("/{id}/instances", StartAsync).WithSummary("启动流程实例");
        group.MapGet("/instances", ListAsync).WithSummary("流程实例(按定义、状态、关联号筛选)");
        group.MapGet("/instances/{instanceId}", GetAsync).WithSummary("流程实例详情");
        group.MapPost("/signals", SignalAsync).WithSummary("按关联号发送信号");
        group.MapPost("/instances/{instanceId}/outcomes", OutcomeAsync).WithSummary("完成人工任务(选择结果)");
        group.MapPost("/instances/{instanceId}/cancel", CancelAsync).WithSummary("取消流程实例");
        group.MapPost("/instances/{instanceId}/retry", RetryAsync).WithSummary("重试出错的流程实例");
    }

    private static async Task<Results<Created<InstanceDto>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string id, StartRequest? request, WorkflowEngine engine, CancellationToken ct)
    {
        var v = new Validation().Optional("correlationId", request?.CorrelationId, "关联号", WorkflowsDbContext.IdLength);
        if (!v.IsValid) return v.Problem();
        var instance = await engine.StartAsync(id, request?.Input, request?.CorrelationId, ct);
        return instance is null
            ? Problems.NotFound($"没有编号为“{id}”的已启用流程")
            : TypedResults.Created($"/api/workflows/instances/{instance.Id}", InstanceDto.From(instance));
    }

    private static async Task<Results<Ok<List<InstanceDto>>, ValidationProblem>> ListAsync(
        string? definition, string? status, string? correlationId, WorkflowsDbContext db, CancellationToken ct)
    {
        if (status is not null && !InstanceStatus.All.Contains(status))
            return Problems.Invalid("status", $"状态须为 {string.Join("、", InstanceStatus.All)} 之一");
        var query = db.Instances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(definition)) query = query.Where(i => i.DefinitionId == definition);
        if (status is not null) query = query.Where(i => i.Status == status);
        if (!string.IsNullOrWhiteSpace(correlationId)) query = query.Where(i => i.CorrelationId == correlationId);
        var list = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(InstanceDto.From).ToList());
    }

    private static async Task<Results<Ok<InstanceDto>, ProblemHttpResult>> GetAsync(string instanceId, WorkflowsDbContext db, CancellationToken ct)
        => await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct) is { } instance
            ? TypedResults.Ok(InstanceDto.From(instance))
            : Problems.NotFound("没有这个流程实例");

    private static async Task<Results<Ok<SignalResult>, ValidationProblem>> SignalAsync(SignalRequest request, WorkflowEngine engine, CancellationToken ct)
    {
        var v = new Validation().Required("correlationId", request.CorrelationId, "关联号", WorkflowsDbContext.IdLength).Required("signal", request.Signal, "信号名称", 100);
        if (!v.IsValid) return v.Problem();
        return TypedResults.Ok(new SignalResult(await engine.SignalAsync(request.CorrelationId!.Trim(), request.Signal!.Trim(), request.Payload, ct)));
    }

    private static async Task<Results<Ok<InstanceDto>, ValidationProblem, ProblemHttpResult>> OutcomeAsync(
        string instanceId, OutcomeRequest request, WorkflowEngine engine, WorkflowsDbContext db, CancellationToken ct)
    {
        var v = new Validation().Required("activityId", request.ActivityId, "活动编号", 100).Required("outcome", request.Outcome, "结果", 100);
        if (!v.IsValid) return v.Problem();
        return await engine.CompleteTaskAsync(instanceId, request.ActivityId!, request.Outcome!, ct) switch
        {
            ResumeResult.NotFound => Problems.NotFound("没有这个流程实例"),
            ResumeResult.NotWaiting => Problems.Conflict($"流程实例没有在等待人工任务“{request.ActivityId}”"),
            ResumeResult.UnknownOutcome => Problems.Invalid("outcome", $"人工任务“{request.ActivityId}”没有结果“{request.Outcome}”"),
            ResumeResult.Conflict => Problems.Conflict("流程实例正被其他操作推进,请刷新后重试"),
            _ => TypedResults.Ok(await Reload(db, instanceId, ct)),
        };
    }

    private static async Task<Results<Ok<InstanceDto>, ProblemHttpResult>> CancelAsync(string instanceId, WorkflowEngine engine, WorkflowsDbContext db, CancellationToken ct)
        => await engine.CancelAsync(instanceId, ct) switch
        {
            ResumeResult.NotFound => Problems.NotFound("没有这个流程实例"),
            ResumeResult.NotWaiting => Problems.Conflict("只有等待中或出错的流程实例可以取消"),
            ResumeResult.Conflict => Problems.Conflict("流程实例正被其他操作推进,请刷新后重试"),
            _ => TypedResults.Ok(await Reload(db, instanceId, ct)),
        };

    private static async Task<Results<Ok<InstanceDto>, ProblemHttpResult>> RetryAsync(string instanceId, WorkflowEngine engine, WorkflowsDbContext db, CancellationToken ct)
        => await engine.RetryAsync(instanceId, ct) switch
        {
            ResumeResult.NotFound => Problems.NotFound("没有这个流程实例"),
            ResumeResult.NotWaiting => Problems.Conflict("只有出错的流程实例可以重试"),
            ResumeResult.Conflict => Problems.Conflict("流程实例正被其他操作推进,请刷新后重试"),
            _ => TypedResults.Ok(await Reload(db, instanceId, ct)),
        };

    private static async Task<InstanceDto> Reload(WorkflowsDbContext db, string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return InstanceDto.From(await db.Instances.AsNoTracking().FirstAsync(i => i.Id == id, ct));
    }
}

public sealed record SignalResult(int Resumed);
