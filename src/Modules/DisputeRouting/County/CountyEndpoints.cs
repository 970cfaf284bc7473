using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>The county inbox API on the host: referrals from every township, read from the county's own table.</summary>
internal static class CountyEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/county/disputes").WithTags("县级平台").RequirePermission(CountyPermissions.Handle);
        group.MapGet("", ListAsync).WithSummary("乡镇上交县级的纠纷(按乡镇、状态、超期筛选)");
        group.MapGet("/{id:int}", GetAsync).WithSummary("上交案件详情:当事人、时间线、乡镇已做的调处");
        group.MapPost("/{id:int}/actions", ActAsync).WithSummary("受理、化解、不予受理或引导诉讼");
    }

    public static IQueryable<CountyReferral> Filter(IQueryable<CountyReferral> query, string? township, string? status, bool? overdue, DateTime utcNow)
    {
        if (!string.IsNullOrWhiteSpace(township)) query = query.Where(r => r.Township == township);
        if (status == "open") query = query.Where(r => r.Status != ReferralStatus.Done);
        else if (!string.IsNullOrWhiteSpace(status)) query = query.Where(r => r.Status == status);
        if (overdue == true) query = query.Where(r => r.Status != ReferralStatus.Done && r.DeadlineAt < utcNow);
        return query;
    }

    public static string? CheckStatus(string? status)
        => string.IsNullOrWhiteSpace(status) || status == "open" || ReferralStatus.All.Contains(status) ? null
            : $"未知的状态“{(status.Length > 20 ? status[..20] : status)}”,可选:open 未办结、pending 待处理、handling 处理中、done 已办结";

    private static async Task<Results<Ok<ReferralList>, ValidationProblem>> ListAsync(
        string? township, string? status, bool? overdue, int? page, int? pageSize, CountyDbContext db, ITownshipAccessor host,
        TimeProvider clock, CancellationToken ct)
    {
        if (CheckStatus(status) is { } error) return Problems.Invalid("status", error);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = Filter(db.Referrals.AsNoTracking(), township?.Trim(), status, overdue, now);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var p = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new ReferralList(total, p, size, [.. items.Select(r => r.ToDto(host.Current, now, detail: false))]));
    }

    private static async Task<Results<Ok<ReferralDto>, ProblemHttpResult>> GetAsync(int id, CountyDbContext db, ITownshipAccessor host, TimeProvider clock, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? Problems.NotFound("没有这个上交案件") : TypedResults.Ok(r.ToDto(host.Current, clock.GetUtcNow().UtcDateTime, detail: true));
    }

    private static async Task<Results<Ok<ReferralDto>, ValidationProblem, ProblemHttpResult>> ActAsync(
        int id, CountyActionRequest? request, CountyActions actions, ITownshipAccessor host, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = CountyActions.Validate(request);
        if (!v.IsValid) return v.Problem();
        var r = await actions.ExecuteAsync(id, request!, CaseEndpoints.Actor(user), ct);
        if (r.Outcome == CountyActions.Outcome.NotFound) return Problems.NotFound("没有这个上交案件");
        if (r.Outcome == CountyActions.Outcome.Conflict) return Problems.Conflict(r.Message!);
        return TypedResults.Ok(r.Referral!.ToDto(host.Current, clock.GetUtcNow().UtcDateTime, detail: true));
    }
}

public static class CountyPermissions
{
    public const string HandleName = "DisputeRouting.County";

    public static readonly Permission Handle = new(HandleName, "受理和办理乡镇上交县级的纠纷", "县级平台",
        BuiltInRoles.Administrator, BuiltInRoles.Mediator);
}
