using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Workflows.Designer;

/// <summary>A dry run's request; <paramref name="Choices"/> maps a waiting activity's id to the outcome it takes (or a list, visit by visit).</summary>
public sealed record DryRunRequest(DefinitionDocument? Definition, JsonNode? Input, string? CorrelationId, JsonObject? Choices = null);

/// <summary>The validation report: errors refuse an import, warnings do not. Each names its activity when it concerns one.</summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<DefinitionIssue> Issues);

/// <summary>The designer's checks: validate without saving, and a dry run without side effects.</summary>
public static class DesignerChecks
{
    public static ValidationReport Validate(DefinitionDocument document, ActivityRegistry registry)
    {
        var issues = new List<DefinitionIssue>();
        var v = ValidateDefinition.Check(document, registry, issues);
        return new ValidationReport(v.IsValid, issues);
    }

    /// <summary>The 400 answer for an invalid definition: the usual field errors, plus "issues" per activity.</summary>
    public static ValidationProblem Problem(DefinitionDocument document, ActivityRegistry registry)
    {
        var issues = new List<DefinitionIssue>();
        var v = ValidateDefinition.Check(document, registry, issues);
        var errors = v.Errors;
        return TypedResults.ValidationProblem(errors, detail: string.Join(";", errors.SelectMany(e => e.Value)), title: Problems.Title(400),
            extensions: new Dictionary<string, object?> { ["issues"] = issues });
    }
}

internal static class DesignerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows").WithTags("流程").RequirePermission(WorkflowPermissions.Manage);
        group.MapPost("/validate", Validate).WithSummary("校验流程定义(不保存),逐个活动列出错误和提醒");
        group.MapPost("/dry-run", DryRunAsync).WithSummary("试运行:用样例输入在内存中走完整个流程(等待按所选或第一个结果、定时器按到期处理),不保存、不发送、不设定时器");
    }

    private static Results<Ok<ValidationReport>, ValidationProblem> Validate(DefinitionDocument document, ActivityRegistry registry)
    {
        var report = DesignerChecks.Validate(document, registry);
        return report.Valid ? TypedResults.Ok(report) : DesignerChecks.Problem(document, registry);
    }

    private static async Task<Results<Ok<DryRunResult>, ValidationProblem>> DryRunAsync(
        DryRunRequest request, ActivityRegistry registry, WorkflowEngine engine, CancellationToken ct)
    {
        if (request.Definition is null) return Problems.Invalid("definition", "缺少要试运行的流程定义");
        if (!DesignerChecks.Validate(request.Definition, registry).Valid) return DesignerChecks.Problem(request.Definition, registry);
        var v = new Validation().Optional("correlationId", request.CorrelationId, "关联号", Data.WorkflowsDbContext.IdLength);
        foreach (var error in engine.CheckChoices(request.Definition, request.Choices)) v.Add("choices", error);
        if (!v.IsValid) return v.Problem();
        return TypedResults.Ok(await engine.DryRunAsync(request.Definition, request.Input, request.CorrelationId, ct, request.Choices));
    }
}
