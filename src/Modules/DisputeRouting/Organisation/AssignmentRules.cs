using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Organisation;

public sealed record AssignmentRuleRequest(string? Level, string? Village, string? Category, string? Assignee, string? DisplayName);

public sealed record AssignmentRuleDto(int Id, string Level, string LevelName, string? Village, string? Category, string Assignee, string DisplayName);

/// <summary>The editable table of 分派规则; the unique scope column refuses a second rule for the same level, village and category.</summary>
public sealed class AssignmentRules(DisputesDbContext db, ITownshipDirectory directory)
{
    public enum Outcome { Done, NotFound, Conflict }

    public static AssignmentRuleDto Dto(AssignmentRule r) => new(r.Id, r.Level, CaseLevels.Chinese(r.Level), r.Village, r.Category, r.Assignee, r.DisplayName);

    public async Task<List<AssignmentRule>> ListAsync(CancellationToken ct)
        => (await db.AssignmentRules.AsNoTracking().ToListAsync(ct))
            .OrderBy(r => CaseLevels.Rank(r.Level)).ThenBy(r => r.Village).ThenBy(r => r.Category).ToList();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public async Task<Validation> ValidateAsync(AssignmentRuleRequest? r, CancellationToken ct)
    {
        var v = new Validation();
        if (r is null) return v.Add("level", "请求体不能为空");
        if (string.IsNullOrWhiteSpace(r.Level)) v.Add("level", "请选择层级:grid 网格、village 村(社区)、township 乡镇(街道)、county 县级");
        else if (!CaseLevels.All.Contains(r.Level.Trim())) v.Add("level", $"未知的层级“{Short(r.Level)}”,可选 grid、village、township、county");
        if (Clean(r.Village) is { } village && !(await directory.VillagesAsync(ct)).Any(x => x.Name == village))
            v.Add("village", $"本乡镇没有“{Short(village)}”这个村(社区)");
        if (Clean(r.Category) is { } category && !await db.Categories.AnyAsync(c => c.Name == category && !c.Retired, ct))
            v.Add("category", $"没有“{Short(category)}”这个纠纷类别");
        v.Required("assignee", r.Assignee, "承办人(账号或组织架构中的姓名)", AssignmentRule.AssigneeLength)
         .Optional("displayName", r.DisplayName?.Trim(), "显示名称", AssignmentRule.AssigneeLength);
        return v;
    }

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    public async Task<(Outcome, AssignmentRule?, string?)> SaveAsync(int? id, AssignmentRuleRequest r, CancellationToken ct)
    {
        var rule = id is null ? null : await db.AssignmentRules.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (id is not null && rule is null) return (Outcome.NotFound, null, "没有这条分派规则");
        rule ??= db.AssignmentRules.Add(new AssignmentRule { Level = "", Assignee = "", DisplayName = "" }).Entity;
        rule.Level = r.Level!.Trim();
        rule.Village = Clean(r.Village);
        rule.Category = Clean(r.Category);
        rule.Assignee = r.Assignee!.Trim();
        rule.DisplayName = Clean(r.DisplayName) ?? rule.Assignee;
        rule.Scope = AssignmentRule.ScopeOf(rule.Level, rule.Village, rule.Category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (Outcome.Conflict, null, $"已有“{rule.Describe()}”的分派规则,请修改那一条");
        }
        return (Outcome.Done, rule, null);
    }

    public async Task<bool> RemoveAsync(int id, CancellationToken ct)
        => await db.AssignmentRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
}

internal static class AssignmentRuleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/disputes/assignment-rules").WithTags("纠纷分派规则");
        group.MapGet("", ListAsync).RequirePermission(DisputePermissions.View).WithSummary("分派规则");
        group.MapPost("", CreateAsync).RequirePermission(DisputePermissions.Manage).WithSummary("新增分派规则");
        group.MapPut("/{id:int}", UpdateAsync).RequirePermission(DisputePermissions.Manage).WithSummary("修改分派规则");
        group.MapDelete("/{id:int}", DeleteAsync).RequirePermission(DisputePermissions.Manage).WithSummary("删除分派规则");
    }

    private static async Task<Ok<List<AssignmentRuleDto>>> ListAsync(AssignmentRules rules, CancellationToken ct)
        => TypedResults.Ok((await rules.ListAsync(ct)).Select(AssignmentRules.Dto).ToList());

    private static async Task<Results<Created<AssignmentRuleDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(AssignmentRuleRequest? request, AssignmentRules rules, CancellationToken ct)
    {
        var v = await rules.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var (outcome, rule, message) = await rules.SaveAsync(null, request!, ct);
        return outcome == AssignmentRules.Outcome.Done
            ? TypedResults.Created($"/api/disputes/assignment-rules/{rule!.Id}", AssignmentRules.Dto(rule))
            : Problems.Conflict(message!);
    }

    private static async Task<Results<Ok<AssignmentRuleDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, AssignmentRuleRequest? request, AssignmentRules rules, CancellationToken ct)
    {
        var v = await rules.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var (outcome, rule, message) = await rules.SaveAsync(id, request!, ct);
        return outcome switch
        {
            AssignmentRules.Outcome.Done => TypedResults.Ok(AssignmentRules.Dto(rule!)),
            AssignmentRules.Outcome.NotFound => Problems.NotFound(message!),
            _ => Problems.Conflict(message!),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, AssignmentRules rules, CancellationToken ct)
        => await rules.RemoveAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("没有这条分派规则");
}
