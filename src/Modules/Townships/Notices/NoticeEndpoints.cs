using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Notices;

public sealed record NoticeRequest(string? Title, string? Body, DateTimeOffset? PublishedAt, bool Pinned);

internal static class NoticeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/portal/notices").WithTags("工作动态");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("工作动态(置顶在前,新的在前)");
        group.MapPost("", CreateAsync).RequirePermission(TownshipsPermissions.ManageNotices).WithSummary("发布工作动态");
    }

    private static async Task<Ok<List<Notice>>> ListAsync(PortalDbContext db, TimeProvider clock, CancellationToken ct, int take = 20)
        => TypedResults.Ok(await PublishNotice.Latest(db, clock, Math.Clamp(take, 1, 100)).ToListAsync(ct));

    private static async Task<Results<Created<Notice>, ValidationProblem>> CreateAsync(NoticeRequest request, PublishNotice publish, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var v = PublishNotice.Validate(request);
        if (!v.IsValid) return v.Problem();
        var notice = await publish.ExecuteAsync(request, user.Identity?.Name, ct);
        return TypedResults.Created($"/notices/{notice.Id}", notice);
    }
}

public sealed class PublishNotice(PortalDbContext db, TimeProvider clock, IOutputCacheStore cache, ITownshipAccessor townships)
{
    public static IQueryable<Notice> Latest(PortalDbContext db, TimeProvider clock, int take)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notices.AsNoTracking().Where(n => n.PublishedAt <= now)
            .OrderByDescending(n => n.Pinned).ThenByDescending(n => n.PublishedAt).Take(take);
    }

    public static Validation Validate(NoticeRequest r) => new Validation().Required("title", r.Title, "标题", 200).Required("body", r.Body, "正文", 20000);

    public async Task<Notice> ExecuteAsync(NoticeRequest r, string? author, CancellationToken ct)
    {
        var notice = new Notice
        {
            Title = r.Title!.Trim(),
            Body = r.Body!.Trim(),
            PublishedAt = (r.PublishedAt ?? clock.GetUtcNow()).UtcDateTime,
            Pinned = r.Pinned,
            Author = author,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync(ct);
        await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        return notice;
    }
}
