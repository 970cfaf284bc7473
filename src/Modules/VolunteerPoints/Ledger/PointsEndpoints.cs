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

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

public sealed record BalanceDto(string UserName, int Balance);

public sealed record LedgerEntryDto(long Id, DateTimeOffset At, int Delta, string Reason, string Source, int BalanceAfter);

internal static class PointsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/points").WithTags("志愿积分");
        group.MapGet("/balance", BalanceAsync).RequireAuthorization().WithSummary("我的积分余额");
        group.MapGet("/ledger", LedgerAsync).RequireAuthorization().WithSummary("我的积分明细(新的在前)");
        group.MapPost("/grants", GrantAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("手工发放积分(须写明原因)");
        group.MapGet("/stats", StatsAsync).RequirePermission(VolunteerPermissions.ViewStats).WithSummary("志愿服务与积分统计");
    }

    private static async Task<Ok<BalanceDto>> BalanceAsync(PointsLedger ledger, ClaimsPrincipal user, CancellationToken ct)
    {
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        return TypedResults.Ok(new BalanceDto(userName, await ledger.BalanceAsync(userName, ct)));
    }

    private static async Task<Ok<List<LedgerEntryDto>>> LedgerAsync(PointsDbContext db, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        var entries = await db.Ledger.AsNoTracking().Where(e => e.UserName == userName).OrderByDescending(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => e.ToDto(township)).ToList());
    }

    private static async Task<Results<Created<LedgerEntryDto>, ValidationProblem>> GrantAsync(
        GrantRequest request, GrantPoints grant, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = await grant.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var entry = await grant.ExecuteAsync(request, user.Identity?.Name, ct);
        return TypedResults.Created($"/api/points/ledger/{entry.Id}", entry.ToDto(township));
    }

    private static async Task<Ok<StatsDto>> StatsAsync(PointsStats stats, CancellationToken ct) => TypedResults.Ok(await stats.ComputeAsync(ct));

    public static LedgerEntryDto ToDto(this LedgerEntry e, Township township)
        => new(e.Id, ActivityMapping.Local(township, e.At), e.Delta, e.Reason, e.Source, e.BalanceAfter);
}
