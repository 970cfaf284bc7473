using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Cases;

public sealed record CaseList(int Total, int Page, int PageSize, IReadOnlyList<CaseDto> Items);

public sealed record RatingRequest(int? Satisfaction);

public sealed record VerifyDto(bool Valid, int Entries, int? BrokenAt, string Message);

internal static class CaseEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/disputes").WithTags("矛盾纠纷");
        group.MapPost("", ReportAsync).RequirePermission(DisputePermissions.Report).WithSummary("上报纠纷(群众、网格员或工作人员)");
        group.MapGet("", ListAsync).RequirePermission(DisputePermissions.View).WithSummary("纠纷台账(筛选、分页)");
        group.MapGet("/mine", MineAsync).RequireAuthorization().WithSummary("我上报的纠纷");
        group.MapGet("/{id:int}", GetAsync).RequireAuthorization().WithSummary("纠纷详情(上报人看公开时间线)");
        group.MapGet("/{id:int}/verify", VerifyAsync).RequirePermission(DisputePermissions.View).WithSummary("核验时间线哈希链");
        group.MapPost("/{id:int}/actions", ActAsync).RequirePermission(DisputePermissions.Handle).WithSummary("办理操作");
        group.MapPost("/{id:int}/rating", RateAsync).RequireAuthorization().WithSummary("上报人评价(1-5)");
    }

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string? Actor(ClaimsPrincipal user) => user.FindFirstValue(ZhizhiClaims.DisplayName) ?? user.Identity?.Name;

    public static async Task<Audience?> AudienceAsync(IAuthorizationService authorization, ClaimsPrincipal user, DisputeCase c)
    {
        if ((await authorization.AuthorizeAsync(user, DisputePermissions.HandleName)).Succeeded) return Audience.Handler;
        if ((await authorization.AuthorizeAsync(user, DisputePermissions.ViewName)).Succeeded) return Audience.Staff;
        return c.ReporterId is not null && c.ReporterId == UserId(user) ? Audience.Reporter : null;
    }

    private static async Task<Results<Created<CaseDto>, ValidationProblem>> ReportAsync(
        ReportRequest? request, ReportDispute report, DisputesDbContext db, IAuthorizationService authorization,
        ClaimsPrincipal user, Township township, TimeProvider clock, CancellationToken ct)
    {
        var staff = (await authorization.AuthorizeAsync(user, DisputePermissions.ViewName)).Succeeded;
        var reporter = new Reporter(UserId(user), Actor(user), staff);
        var v = await report.ValidateAsync(request, reporter, ct);
        if (!v.IsValid) return v.Problem();
        var c = await report.ExecuteAsync(request!, reporter, null, ct);
        var routed = await WaitForRouteAsync(db, c.Id, ct) ?? c;
        return TypedResults.Created($"/api/disputes/{c.Id}", routed.ToDto(township, clock.GetUtcNow().UtcDateTime,
            staff ? Audience.Handler : Audience.Reporter, null));
    }

    /// <summary>
    /// The workflow routes a new case through the outbox right after its first step commits; the answer waits a
    /// moment for that, so that it carries the starting level. A slow delivery only leaves "level" empty for now.
    /// </summary>
    private static async Task<DisputeCase?> WaitForRouteAsync(DisputesDbContext db, int id, CancellationToken ct)
    {
        DisputeCase? c = null;
        for (var i = 0; i < 60; i++)
        {
            c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstAsync(x => x.Id == id, ct);
            if (c.Level is not null) return c;
            await Task.Delay(50, ct);
        }
        return c;
    }

    private static async Task<Ok<CaseList>> ListAsync(
        string? status, string? level, bool? overdue, string? village, string? category, DateOnly? from, DateOnly? to,
        string? q, string? grade, int? page, int? pageSize, DisputesDbContext db, Township township, TimeProvider clock, IAuthorizationService authorization,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = CaseFilter.Apply(db.Cases.AsNoTracking(), township, now, status, level, overdue, village, category, from, to, q, grade);
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var p = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.Id).Skip((p - 1) * size).Take(size).Include(c => c.Parties).ToListAsync(ct);
        var audience = (await authorization.AuthorizeAsync(user, DisputePermissions.HandleName)).Succeeded ? Audience.Handler : Audience.Staff;
        // Lists mask phones for everyone: the full number is on the case page for those who handle it.
        if (audience == Audience.Handler) audience = Audience.Staff;
        return TypedResults.Ok(new CaseList(total, p, size, [.. items.Select(c => c.ToDto(township, now, audience, null))]));
    }

    private static async Task<Ok<List<CaseDto>>> MineAsync(DisputesDbContext db, Township township, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = UserId(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var items = await db.Cases.AsNoTracking().Where(c => c.ReporterId == id).OrderByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(items.Select(c => c.ToDto(township, now, Audience.Reporter, null)).ToList());
    }

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(
        int id, DisputesDbContext db, Township township, TimeProvider clock, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || await AudienceAsync(authorization, user, c) is not { } audience) return Problems.NotFound("没有这个纠纷案件");
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        return TypedResults.Ok(c.ToDto(township, clock.GetUtcNow().UtcDateTime, audience, timeline));
    }

    private static async Task<Results<Ok<VerifyDto>, ProblemHttpResult>> VerifyAsync(int id, DisputesDbContext db, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("没有这个纠纷案件");
        var entries = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).ToListAsync(ct);
        var r = HashChain.Verify(entries);
        return TypedResults.Ok(new VerifyDto(r.Valid, r.Entries, r.BrokenAt, r.Message));
    }

    private static async Task<Results<Ok<CaseDto>, ValidationProblem, ProblemHttpResult>> ActAsync(
        int id, ActionRequest? request, CaseActions actions, DisputesDbContext db, Township township, TimeProvider clock,
        ClaimsPrincipal user, Organisation.MediatorAssignment mediators, CancellationToken ct)
    {
        var v = CaseActions.Validate(request);
        if (!v.IsValid) return v.Problem();
        if (request!.Action == Organisation.MediatorAssignment.Action) return await mediators.ActAsync(id, request, Actor(user), township, ct);
        var r = await actions.ExecuteWithRetryAsync(id, request!, Actor(user), ct);
        if (r.Outcome == CaseActions.Outcome.NotFound) return Problems.NotFound("没有这个纠纷案件");
        if (r.Outcome == CaseActions.Outcome.Invalid) return Problems.Invalid(r.Errors!);
        if (r.Outcome is CaseActions.Outcome.Conflict or CaseActions.Outcome.Stale) return Problems.Conflict(r.Message!);
        var c = await db.Cases.AsNoTracking().Include(x => x.Parties).FirstAsync(x => x.Id == id, ct);
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        return TypedResults.Ok(c.ToDto(township, clock.GetUtcNow().UtcDateTime, Audience.Handler, timeline));
    }

    private static async Task<Results<Ok<CaseDto>, ValidationProblem, ProblemHttpResult>> RateAsync(
        int id, RatingRequest? request, CaseActions actions, DisputesDbContext db, Township township, TimeProvider clock,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (request?.Satisfaction is not (>= 1 and <= 5)) return Problems.Invalid("satisfaction", "满意度须为 1-5 之间的整数");
        var r = await actions.RateAsync(id, UserId(user) ?? "", request.Satisfaction.Value, Actor(user), ct);
        if (r.Outcome == CaseActions.Outcome.NotFound) return Problems.NotFound("没有这个纠纷案件");
        if (r.Outcome is CaseActions.Outcome.Conflict or CaseActions.Outcome.Stale) return Problems.Conflict(r.Message!);
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        return TypedResults.Ok(r.Case!.ToDto(township, clock.GetUtcNow().UtcDateTime, Audience.Reporter, timeline));
    }
}
