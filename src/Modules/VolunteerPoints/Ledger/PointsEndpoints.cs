using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Rules;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>Balance is the sum of the ledger; spendable leaves out points still under public notice (公示).</summary>
public sealed record BalanceDto(string UserName, int Balance, int Spendable);

public sealed record LedgerEntryDto(long Id, DateTimeOffset At, int Delta, string Reason, string Source, int BalanceAfter);

internal static class PointsEndpoints
{
    public const int MaxPage = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/points").WithTags("志愿积分");
        group.MapGet("/balance", BalanceAsync).RequireAuthorization().WithSummary("我的积分余额(含可用积分)");
        group.MapGet("/ledger", LedgerAsync).RequireAuthorization()
            .WithSummary("我的积分明细(新的在前;不带 take 时为全部;带 take 时分页,下一页用响应头 X-Next-Before 的值作 before)");
        group.MapPost("/grants", GrantAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("手工发放积分(须写明原因;超过审批门槛的待另一位管理员审批)");
        group.MapGet("/grants", GrantsAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("发放申请(可按状态筛选)");
        group.MapPost("/grants/{id:int}/approve", (int id, GrantPoints g, Township t, ClaimsPrincipal u, CancellationToken ct) => DecideAsync(id, true, g, t, u, ct))
            .RequirePermission(VolunteerPermissions.Manage).WithSummary("批准发放申请(不能批准自己提出的)");
        group.MapPost("/grants/{id:int}/refuse", (int id, GrantPoints g, Township t, ClaimsPrincipal u, CancellationToken ct) => DecideAsync(id, false, g, t, u, ct))
            .RequirePermission(VolunteerPermissions.Manage).WithSummary("驳回发放申请");
        group.MapGet("/rules", async (RulesStore rules, CancellationToken ct) => TypedResults.Ok(RulesStore.ToDto(await rules.GetAsync(ct))))
            .RequirePermission(VolunteerPermissions.Manage).WithSummary("本乡镇积分规则");
        group.MapPut("/rules", SaveRulesAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("修改积分规则(计分方式、每日上限、审批门槛、公示期、过期规则)");
        group.MapGet("/stats", StatsAsync).RequirePermission(VolunteerPermissions.ViewStats).WithSummary("志愿服务与积分统计");
    }

    private static async Task<Ok<BalanceDto>> BalanceAsync(PointsLedger ledger, ClaimsPrincipal user, CancellationToken ct)
    {
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        var (balance, spendable) = await ledger.BalancesAsync(userName, ct);
        return TypedResults.Ok(new BalanceDto(userName, balance, spendable));
    }

    /// <summary>
    /// Without "take" the whole ledger (the contract: it sums to the balance). With "take" (and "before", the
    /// last id of the previous page) a keyset page on the (UserName, Id) index, which costs the same at the
    /// millionth entry as at the first; the next page's key is in the X-Next-Before header.
    /// </summary>
    private static async Task<Results<Ok<List<LedgerEntryDto>>, ValidationProblem>> LedgerAsync(
        long? before, int? take, PointsDbContext db, Township township, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (take is <= 0 or > MaxPage) return Problems.Invalid("take", $"每页条数须为 1-{MaxPage}");
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        var query = db.Ledger.AsNoTracking().Where(e => e.UserName == userName);
        if (before is not null) query = query.Where(e => e.Id < before);
        query = query.OrderByDescending(e => e.Id);
        if (take is null) return TypedResults.Ok((await query.ToListAsync(ct)).Select(e => e.ToDto(township)).ToList());
        var size = take.Value;
        var entries = await query.Take(size + 1).ToListAsync(ct);
        if (entries.Count > size)
        {
            entries.RemoveAt(size);
            http.Response.Headers["X-Next-Before"] = entries[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Ok(entries.Select(e => e.ToDto(township)).ToList());
    }

    private static async Task<Results<Created<LedgerEntryDto>, Accepted<GrantDto>, ValidationProblem>> GrantAsync(
        GrantRequest request, GrantPoints grant, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = await grant.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        if (await grant.NeedsApprovalAsync(request, ct))
        {
            var pending = await grant.RequestAsync(request, user.Identity!.Name!, ct);
            return TypedResults.Accepted($"/api/points/grants/{pending.Id}", pending.ToDto(township));
        }
        var entry = await grant.ExecuteAsync(request, user.Identity?.Name, ct);
        return TypedResults.Created($"/api/points/ledger/{entry.Id}", entry.ToDto(township));
    }

    private static async Task<Ok<List<GrantDto>>> GrantsAsync(string? status, PointsDbContext db, Township township, CancellationToken ct)
    {
        var query = db.Grants.AsNoTracking();
        if (!string.IsNullOrEmpty(status)) query = query.Where(g => g.Status == status);
        var list = await query.OrderByDescending(g => g.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(g => g.ToDto(township)).ToList());
    }

    private static async Task<Results<Ok<GrantDto>, ProblemHttpResult>> DecideAsync(int id, bool approve, GrantPoints grants, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var (decision, grant) = await grants.DecideAsync(id, approve, user.Identity!.Name!, ct);
        return decision switch
        {
            GrantPoints.Decision.NotFound => Problems.NotFound("没有这个发放申请"),
            GrantPoints.Decision.OwnGrant => Problems.Forbidden("不能审批自己提出的发放申请,请另一位管理员审批"),
            GrantPoints.Decision.NotPending => Problems.Conflict("这个发放申请已经审批过了"),
            _ => TypedResults.Ok(grant!.ToDto(township)),
        };
    }

    private static async Task<Results<Ok<RulesDto>, ValidationProblem>> SaveRulesAsync(RulesDto request, RulesStore rules, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = RulesStore.Validate(request);
        if (!v.IsValid) return v.Problem();
        return TypedResults.Ok(RulesStore.ToDto(await rules.SaveAsync(request, user.Identity?.Name, ct)));
    }

    private static async Task<Ok<StatsDto>> StatsAsync(PointsStats stats, CancellationToken ct) => TypedResults.Ok(await stats.ComputeAsync(ct));

    public static LedgerEntryDto ToDto(this LedgerEntry e, Township township)
        => new(e.Id, ActivityMapping.Local(township, e.At), e.Delta, e.Reason, e.Source, e.BalanceAfter);

    public static GrantDto ToDto(this PointsGrant g, Township township)
        => new(g.Id, g.UserName, g.Points, g.Reason, g.Status, g.RequestedBy, ActivityMapping.Local(township, g.RequestedAt), g.DecidedBy);
}
