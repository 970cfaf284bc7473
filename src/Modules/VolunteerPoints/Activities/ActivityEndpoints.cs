using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Activities;

internal static class ActivityEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/volunteers/activities").WithTags("志愿积分");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("志愿活动(按开始时间)");
        group.MapPost("", CreateAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("发布志愿活动");
        group.MapPost("/{id:int}/signups", SignUpAsync).RequirePermission(VolunteerPermissions.SignUp).WithSummary("报名(志愿者)");
        group.MapDelete("/{id:int}/signups", WithdrawAsync).RequirePermission(VolunteerPermissions.SignUp).WithSummary("取消报名(本人)");
        group.MapPost("/{id:int}/checkins", CheckInAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("签到并发放活动积分(仅一次)");
        group.MapGet("/{id:int}/code", CodeAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("现场签到码(组织者出示给志愿者)");
        group.MapGet("/{id:int}/checkin-qr", CheckinQrAsync).RequirePermission(VolunteerPermissions.Manage)
            .WithSummary("签到二维码(PNG;扫码打开预填签到码的签到页)");
        group.MapPost("/{id:int}/checkin-code", CheckInWithCodeAsync).RequirePermission(VolunteerPermissions.SignUp)
            .RequireRateLimiting(VolunteerPointsStartup.CheckinCodeRateLimit).WithSummary("志愿者输入签到码自助签到(仅一次)");
        group.MapPost("/{id:int}/checkouts", CheckOutAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("签退并记录服务时长(按小时计分时发放积分)");
        group.MapPost("/{id:int}/checkout", CheckOutSelfAsync).RequirePermission(VolunteerPermissions.SignUp).WithSummary("志愿者自助签退");
    }

    private static async Task<Ok<List<ActivityDto>>> ListAsync(bool? upcoming, PointsDbContext db, Township township, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Activities.AsNoTracking();
        if (upcoming == true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            query = query.Where(a => a.EndAt >= now);
        }
        var list = await query.OrderBy(a => a.StartAt).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(list.Select(a => a.ToDto(township)).ToList());
    }

    private static async Task<Results<Created<ActivityDto>, ValidationProblem>> CreateAsync(
        ActivityRequest request, CreateActivity create, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = await create.ValidateAsync(request, ct);
        if (!v.IsValid) return v.Problem();
        var activity = await create.ExecuteAsync(request, user.Identity?.Name, ct);
        return TypedResults.Created($"/api/volunteers/activities/{activity.Id}", activity.ToDto(township));
    }

    private static async Task<Results<Created<SignupDto>, ProblemHttpResult>> SignUpAsync(int id, SignUp signUp, ClaimsPrincipal user, CancellationToken ct)
    {
        var userName = user.FindFirstValue(ClaimTypes.Name)!;
        return await signUp.ExecuteAsync(id, userName, ct) switch
        {
            SignUp.Outcome.NotFound => Problems.NotFound("没有这个志愿活动"),
            SignUp.Outcome.Full => Problems.Conflict("该活动报名人数已满"),
            SignUp.Outcome.AlreadySignedUp => Problems.Conflict("您已报名该活动,无需重复报名"),
            _ => TypedResults.Created($"/api/volunteers/activities/{id}/signups/{Uri.EscapeDataString(userName)}", new SignupDto(id, userName)),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(int id, SignUp signUp, ClaimsPrincipal user, CancellationToken ct)
        => await signUp.WithdrawAsync(id, user.FindFirstValue(ClaimTypes.Name)!, ct) switch
        {
            SignUp.WithdrawOutcome.NotSignedUp => Problems.NotFound("您没有报名这个活动"),
            SignUp.WithdrawOutcome.AlreadyCheckedIn => Problems.Conflict("您已签到,不能再取消报名"),
            _ => TypedResults.NoContent(),
        };

    private static async Task<Results<Created<CheckinDto>, ValidationProblem, ProblemHttpResult>> CheckInAsync(
        int id, CheckinRequest request, CheckIn checkIn, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = CheckIn.Validate(request);
        if (!v.IsValid) return v.Problem();
        var (outcome, checkin) = await checkIn.ExecuteAsync(id, request.UserName!, user.Identity?.Name, ct);
        return outcome switch
        {
            CheckIn.Outcome.ActivityNotFound => Problems.NotFound("没有这个志愿活动"),
            CheckIn.Outcome.UnknownUser => Problems.Invalid("userName", $"本乡镇没有用户“{request.UserName!.Trim()}”"),
            CheckIn.Outcome.AlreadyCheckedIn => Problems.Conflict("该用户已签到过这个活动,积分不会重复发放"),
            _ => TypedResults.Created($"/api/volunteers/activities/{id}/checkins/{Uri.EscapeDataString(checkin!.UserName)}", checkin),
        };
    }

    private static async Task<Results<Ok<CodeDto>, ProblemHttpResult>> CodeAsync(int id, PointsDbContext db, CancellationToken ct)
    {
        var code = await db.Activities.Where(a => a.Id == id).Select(a => a.CheckinCode).FirstOrDefaultAsync(ct);
        return code is null ? Problems.NotFound("没有这个志愿活动") : TypedResults.Ok(new CodeDto(id, code));
    }

    private static async Task<IResult> CheckinQrAsync(int id, PointsDbContext db, HttpContext context, CancellationToken ct)
    {
        var code = await db.Activities.Where(a => a.Id == id).Select(a => a.CheckinCode).FirstOrDefaultAsync(ct);
        return code is null ? Problems.NotFound("没有这个志愿活动") : Qr.QrCodes.Image(context, Qr.QrCodes.CheckinUrl(context.Request, id, code));
    }

    private static async Task<Results<Created<CheckinDto>, ValidationProblem, ProblemHttpResult>> CheckInWithCodeAsync(
        int id, CodeCheckinRequest request, CheckIn checkIn, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = CheckIn.Validate(request);
        if (!v.IsValid) return v.Problem();
        var (outcome, checkin) = await checkIn.WithCodeAsync(id, request.Code!, user.FindFirstValue(ClaimTypes.Name)!, ct);
        return Answer(id, outcome, checkin);
    }

    internal static Results<Created<CheckinDto>, ValidationProblem, ProblemHttpResult> Answer(int id, CheckIn.Outcome outcome, CheckinDto? checkin) => outcome switch
    {
        CheckIn.Outcome.ActivityNotFound => Problems.NotFound("没有这个志愿活动"),
        CheckIn.Outcome.WrongCode => Problems.Invalid("code", "签到码不对,请核对组织者出示的 6 位数字"),
        CheckIn.Outcome.OutsideWindow => Problems.Conflict("不在签到时间内:活动开始前 1 小时至结束后 1 小时可以签到"),
        CheckIn.Outcome.AlreadyCheckedIn => Problems.Conflict("您已签到过这个活动,积分不会重复发放"),
        _ => TypedResults.Created($"/api/volunteers/activities/{id}/checkins/{Uri.EscapeDataString(checkin!.UserName)}", checkin),
    };

    private static async Task<Results<Ok<CheckinDto>, ValidationProblem, ProblemHttpResult>> CheckOutAsync(
        int id, CheckoutRequest request, CheckIn checkIn, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = CheckIn.Validate(request);
        if (!v.IsValid) return v.Problem();
        return CheckoutAnswer(await checkIn.CheckOutAsync(id, request.UserName!, request.Hours, user.Identity?.Name, ct), request.UserName!);
    }

    private static async Task<Results<Ok<CheckinDto>, ValidationProblem, ProblemHttpResult>> CheckOutSelfAsync(int id, CheckIn checkIn, ClaimsPrincipal user, CancellationToken ct)
    {
        var me = user.FindFirstValue(ClaimTypes.Name)!;
        return CheckoutAnswer(await checkIn.CheckOutAsync(id, me, null, me, ct), me);
    }

    private static Results<Ok<CheckinDto>, ValidationProblem, ProblemHttpResult> CheckoutAnswer((CheckIn.Outcome Outcome, CheckinDto? Checkin) r, string userName) => r.Outcome switch
    {
        CheckIn.Outcome.ActivityNotFound => Problems.NotFound("没有这个志愿活动"),
        CheckIn.Outcome.UnknownUser => Problems.Invalid("userName", $"本乡镇没有用户“{userName.Trim()}”"),
        CheckIn.Outcome.NotCheckedIn => Problems.Conflict("还没有签到,不能签退"),
        CheckIn.Outcome.AlreadyCheckedOut => Problems.Conflict("已经签退过了,服务时长和积分不会重复记录"),
        CheckIn.Outcome.TooManyHours => Problems.Invalid("hours", "服务时长不能超过活动本身的时长"),
        _ => TypedResults.Ok(r.Checkin!),
    };
}

public sealed record SignupDto(int ActivityId, string UserName);

public sealed record CodeDto(int ActivityId, string Code);
