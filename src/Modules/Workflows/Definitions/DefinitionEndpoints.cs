using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Definitions;

internal static class DefinitionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows").WithTags("流程").RequirePermission(WorkflowPermissions.Manage);
        group.MapGet("", ListAsync).WithSummary("流程定义(各自的最新版本)");
        group.MapGet("/activities", (ActivityRegistry registry) => TypedResults.Ok(Designer.ActivityCatalogue.Describe(registry))).WithSummary("可用的活动类型(设计器的活动面板:名称、分类、属性及其编辑方式、结果)");
        group.MapGet("/{id}", GetAsync).WithSummary("导出流程定义(最新版本,或 ?version=)");
        group.MapGet("/{id}/versions", VersionsAsync).WithSummary("流程定义的版本历史");
        group.MapPost("", ImportAsync).WithSummary("导入流程定义(编号已存在时成为新版本)");
    }

    private static async Task<Ok<List<DefinitionSummary>>> ListAsync(WorkflowsDbContext db, CancellationToken ct)
    {
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(x => x.Id == d.Id).Max(x => x.Version))
            .OrderBy(d => d.Id).Select(d => new DefinitionSummary(d.Id, d.Name, d.Enabled, d.Version)).ToListAsync(ct);
        return TypedResults.Ok(latest);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string id, int? version, WorkflowsDbContext db, CancellationToken ct)
    {
        var query = db.Definitions.AsNoTracking().Where(d => d.Id == id);
        if (version is not null) query = query.Where(d => d.Version == version);
        var definition = await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        return definition is null
            ? Problems.NotFound(version is null ? $"没有编号为“{id}”的流程" : $"流程“{id}”没有第 {version} 版")
            : TypedResults.Text(definition.Json, "application/json");
    }

    private static async Task<Ok<List<DefinitionSummary>>> VersionsAsync(string id, WorkflowsDbContext db, CancellationToken ct)
        => TypedResults.Ok(await db.Definitions.AsNoTracking().Where(d => d.Id == id).OrderByDescending(d => d.Version)
            .Select(d => new DefinitionSummary(d.Id, d.Name, d.Enabled, d.Version)).ToListAsync(ct));

    private static async Task<Results<Created<JsonNode>, ValidationProblem>> ImportAsync(
        DefinitionDocument document, ImportDefinition import, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = import.Validate(document);
        if (!v.IsValid) return v.Problem();
        var definition = await import.ExecuteAsync(document, user.Identity?.Name, ct);
        return TypedResults.Created($"/api/workflows/{definition.Id}", JsonNode.Parse(definition.Json)!);
    }
}
