using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <summary>Starts a full rebuild of the township's index and reports its progress.</summary>
public sealed class RebuildIndex(LegalDbContext db, TimeProvider clock, IndexSignal signal, ITownshipAccessor townships)
{
    /// <returns>The new rebuild, or null when one is already running (decided by the unique index on Running).</returns>
    public async Task<IndexRebuild?> StartAsync(string? user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rebuild = new IndexRebuild { Total = ids.Count, Running = ids.Count == 0 ? null : 1, StartedAt = now, StartedBy = user, FinishedAt = ids.Count == 0 ? now : null };
        db.Rebuilds.Add(rebuild);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Fields.ManageFields.IsUniqueViolation(ex))
        {
            return null;
        }
        // The rebuild and all its tasks commit together: a crash leaves either nothing or everything to do.
        foreach (var id in ids) db.IndexTasks.Add(new IndexTask { ArticleId = id, Action = IndexActions.Upsert, CreatedAt = now, RebuildId = rebuild.Id });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify(townships.Current.Name);
        return rebuild;
    }

    public async Task<RebuildDto?> LatestAsync(CancellationToken ct)
    {
        var rebuild = await db.Rebuilds.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (rebuild is null) return null;
        var left = rebuild.FinishedAt is null ? await db.IndexTasks.CountAsync(t => t.RebuildId == rebuild.Id, ct) : 0;
        var township = townships.Current;
        return new RebuildDto(rebuild.Id, rebuild.Total, rebuild.Total - left, rebuild.FinishedAt is not null,
            ArticleMapping.Local(township, rebuild.StartedAt), rebuild.StartedBy,
            rebuild.FinishedAt is { } f ? ArticleMapping.Local(township, f) : null);
    }
}

internal static class SearchAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var synonyms = endpoints.MapGroup("/api/legal/synonyms").WithTags("普法").RequirePermission(LegalPermissions.Manage);
        synonyms.MapGet("", ListAsync).WithSummary("同义词组(检索时使用)");
        synonyms.MapPost("", AddAsync).WithSummary("添加同义词组,如 赡养 ~ 养老");
        synonyms.MapPut("/{id:int}", UpdateAsync).WithSummary("修改同义词组");
        synonyms.MapDelete("/{id:int}", RemoveAsync).WithSummary("删除同义词组");
        var index = endpoints.MapGroup("/api/legal/index").WithTags("普法").RequirePermission(LegalPermissions.Manage);
        index.MapPost("/rebuild", StartAsync).WithSummary("在后台重建全文索引");
        index.MapGet("/rebuild", ProgressAsync).WithSummary("最近一次重建的进度");
    }

    private static async Task<Ok<List<SynonymGroupDto>>> ListAsync(LegalDbContext db, CancellationToken ct)
        => TypedResults.Ok((await db.Synonyms.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct)).Select(g => new SynonymGroupDto(g.Id, g.Words)).ToList());

    private static async Task<Results<Created<SynonymGroupDto>, ValidationProblem, ProblemHttpResult>> AddAsync(SynonymGroupRequest request, LegalDbContext db, CancellationToken ct)
    {
        var v = SynonymRules.Validate(request);
        if (!v.IsValid) return v.Problem();
        if (await db.Synonyms.CountAsync(ct) >= SynonymRules.MaxGroups) return Problems.Conflict($"同义词组最多 {SynonymRules.MaxGroups} 组");
        var group = new SynonymGroup { Words = SynonymRules.Clean(request.Words) };
        db.Synonyms.Add(group);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/legal/synonyms/{group.Id}", new SynonymGroupDto(group.Id, group.Words));
    }

    private static async Task<Results<Ok<SynonymGroupDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, SynonymGroupRequest request, LegalDbContext db, CancellationToken ct)
    {
        var v = SynonymRules.Validate(request);
        if (!v.IsValid) return v.Problem();
        var group = await db.Synonyms.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return Problems.NotFound("没有这组同义词");
        group.Words = SynonymRules.Clean(request.Words);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SynonymGroupDto(group.Id, group.Words));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(int id, LegalDbContext db, CancellationToken ct)
        => await db.Synonyms.Where(g => g.Id == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : Problems.NotFound("没有这组同义词");

    private static async Task<Results<Accepted<RebuildDto>, ProblemHttpResult>> StartAsync(RebuildIndex rebuilds, ClaimsPrincipal user, CancellationToken ct)
    {
        var started = await rebuilds.StartAsync(user.Identity?.Name, ct);
        if (started is null) return Problems.Conflict("已有一次索引重建正在进行,请等它完成");
        return TypedResults.Accepted("/api/legal/index/rebuild", await rebuilds.LatestAsync(ct));
    }

    private static async Task<Results<Ok<RebuildDto>, ProblemHttpResult>> ProgressAsync(RebuildIndex rebuilds, CancellationToken ct)
        => await rebuilds.LatestAsync(ct) is { } latest ? TypedResults.Ok(latest) : Problems.NotFound("还没有重建过索引");
}
