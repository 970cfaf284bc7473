using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Settings;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation.Bookings;

public sealed record DeclineRequest(string? Reason);

public sealed record OutcomeRequest(string? Outcome, string? Note);

public sealed record AssignRequest(int? MediatorId);

internal static class BookingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/bookings").WithTags("调解预约").RequireAuthorization();
        group.MapPost("", CreateAsync).WithSummary("预约一个时段");
        group.MapGet("/mine", MineAsync).WithSummary("我的预约");
        group.MapGet("/{id:int}", GetAsync).WithSummary("一条预约(申请人或工作人员)");
        group.MapPost("/{id:int}/cancel", CancelAsync).WithSummary("取消预约,释放时段");
        group.MapPost("/{id:int}/reschedule", RescheduleAsync).WithSummary("改约到同一调解室的另一个时段");

        var staff = group.MapGroup("").RequirePermission(MediationPermissions.ManageBookings);
        staff.MapGet("", InboxAsync).WithSummary("预约收件箱(工作人员)");
        staff.MapPost("/{id:int}/confirm", ConfirmAsync).WithSummary("确认预约");
        staff.MapPost("/{id:int}/decline", DeclineAsync).WithSummary("婉拒预约(附理由)");
        staff.MapPost("/{id:int}/mediator", AssignAsync).WithSummary("指派调解员");
        staff.MapPost("/{id:int}/check-in", CheckInAsync).WithSummary("当事人到场签到");
        staff.MapPost("/{id:int}/no-show", NoShowAsync).WithSummary("标记未到场");
        staff.MapPost("/{id:int}/outcome", OutcomeAsync).WithSummary("登记调解结果");
    }

    public static async Task<bool> IsStaffAsync(ClaimsPrincipal user, IAuthorizationService authorization)
        => user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, MediationPermissions.ManageBookingsName)).Succeeded;

    private static async Task<Results<Created<BookingDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        BookingRequest request, BookSlot book, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Applicant.Id(user) is not { } applicant) return Problems.Unauthorized("请先登录再预约");
        var (outcome, booking, v) = await book.ExecuteAsync(request, applicant, Applicant.Name(user), ct);
        return outcome switch
        {
            BookSlot.Outcome.Invalid => v.Problem(),
            BookSlot.Outcome.Taken => Problems.Conflict("这个时段刚刚被别人预约了,请选择其他时段"),
            BookSlot.Outcome.NoMediator => Problems.Conflict(BookSlot.NoMediatorMessage),
            _ => TypedResults.Created($"/api/mediation/bookings/{booking!.Id}", booking.ToDto(township)),
        };
    }

    private static async Task<Ok<List<BookingDto>>> MineAsync(MediationDbContext db, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var applicant = Applicant.Id(user) ?? "";
        var items = await db.Bookings.AsNoTracking().Where(b => b.ApplicantId == applicant)
            .OrderByDescending(b => b.SlotStart).Take(200).ToListAsync(ct);
        return TypedResults.Ok(items.Select(b => b.ToDto(township)).ToList());
    }

    private static async Task<Ok<List<BookingDto>>> InboxAsync(string? status, MediationDbContext db, Township township, CancellationToken ct)
    {
        var query = db.Bookings.AsNoTracking();
        if (!string.IsNullOrEmpty(status)) query = query.Where(b => b.Status == status);
        var items = await query.OrderBy(b => b.SlotStart).Take(500).ToListAsync(ct);
        return TypedResults.Ok(items.Select(b => b.ToDto(township)).ToList());
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> GetAsync(
        int id, MediationDbContext db, Township township, ClaimsPrincipal user, IAuthorizationService authorization, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        // Another resident's booking is reported as absent, not forbidden: its existence is nobody else's business.
        if (booking is null || (booking.ApplicantId != Applicant.Id(user) && !await IsStaffAsync(user, authorization)))
            return Problems.NotFound("没有这条预约");
        return TypedResults.Ok(booking.ToDto(township));
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> CancelAsync(
        int id, ChangeBooking change, MediationDbContext db, Township township, ClaimsPrincipal user, IAuthorizationService authorization, CancellationToken ct)
    {
        var me = Applicant.Id(user);
        var staff = await IsStaffAsync(user, authorization);
        int? limit = staff ? null : (await MediationSettingsStore.GetAsync(db, ct)).ChangeLimitHours;
        return Result(await change.CancelAsync(id, b => staff || b.ApplicantId == me, Applicant.Name(user), limit, ct), township,
            "这条预约已结束、已取消或已被婉拒,不能再取消", limit);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> RescheduleAsync(
        int id, RescheduleRequest request, RescheduleBooking reschedule, MediationDbContext db, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var (outcome, booking, v) = await reschedule.ExecuteAsync(id, request, Applicant.Id(user) ?? "", ct);
        if (!v.IsValid) return v.Problem();
        if (outcome == ChangeBooking.Outcome.Taken) return Problems.Conflict("新的时段已被预约或调解员已有安排,请选择其他时段");
        var limit = (await MediationSettingsStore.GetAsync(db, ct)).ChangeLimitHours;
        return Widen(Result((outcome, booking), township, "这条预约已结束、已取消或已被婉拒,不能改约", limit));
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> AssignAsync(
        int id, AssignRequest request, ChangeBooking change, MediationDbContext db, Township township, CancellationToken ct)
    {
        if (request.MediatorId is not { } mediatorId || await db.Mediators.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediatorId && m.Active, ct) is not { } mediator)
            return Problems.Invalid("mediatorId", "没有这位调解员");
        var r = await change.AssignMediatorAsync(id, mediator, ct);
        if (r.Outcome == ChangeBooking.Outcome.Taken) return Problems.Conflict($"{mediator.Name}在这个时段请假或已有安排");
        return Widen(Result(r, township, "只有待确认或已确认的预约才能指派调解员"));
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> CheckInAsync(int id, ChangeBooking change, Township township, CancellationToken ct)
    {
        var r = await change.CheckInAsync(id, ct);
        return r.Outcome == ChangeBooking.Outcome.TooLate
            ? Problems.Conflict("距开始还早,开始前一小时内才能签到")
            : Result(r, township, "只有已确认且未签到的预约才能签到");
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> NoShowAsync(
        int id, DeclineRequest? request, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation().Optional("reason", request?.Reason, "备注", BookingRules.MaxReasonLength);
        if (!v.IsValid) return v.Problem();
        var r = await change.NoShowAsync(id, request?.Reason, Applicant.Name(user), ct);
        if (r.Outcome == ChangeBooking.Outcome.TooLate) return Problems.Conflict("预约时间还没到,不能标记未到场");
        return Widen(Result(r, township, "只有已确认且未签到的预约才能标记未到场"));
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> OutcomeAsync(
        int id, OutcomeRequest request, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation().Optional("note", request.Note, "调解情况", BookingRules.MaxDescriptionLength);
        if (request.Outcome is not (BookingOutcomes.Settled or BookingOutcomes.NotSettled))
            v.Add("outcome", "调解结果须为 settled(调解成功)或 not_settled(调解未成)");
        if (!v.IsValid) return v.Problem();
        return Widen(Result(await change.RecordOutcomeAsync(id, request.Outcome!, request.Note, Applicant.Name(user), ct), township, "只有已签到的预约才能登记调解结果"));
    }

    private static Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem> Widen(Results<Ok<BookingDto>, ProblemHttpResult> r)
        => r.Result switch { Ok<BookingDto> ok => ok, ProblemHttpResult p => p, _ => throw new InvalidOperationException() };

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> ConfirmAsync(int id, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
        => Result(await change.ConfirmAsync(id, Applicant.Name(user), ct), township, "只有待确认的预约才能确认");

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> DeclineAsync(
        int id, DeclineRequest? request, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation().Optional("reason", request?.Reason, "婉拒理由", BookingRules.MaxReasonLength);
        if (!v.IsValid) return v.Problem();
        return Widen(Result(await change.DeclineAsync(id, request?.Reason, Applicant.Name(user), ct), township, "只有待确认的预约才能婉拒"));
    }

    private static Results<Ok<BookingDto>, ProblemHttpResult> Result((ChangeBooking.Outcome Outcome, Booking? Booking) r, Township township, string wrongState, int? limitHours = null)
        => r.Outcome switch
        {
            ChangeBooking.Outcome.NotFound => Problems.NotFound("没有这条预约"),
            ChangeBooking.Outcome.TooLate => Problems.Conflict($"距开始已不足 {limitHours} 小时,不能再改约或取消,请联系调解室"),
            ChangeBooking.Outcome.Taken => Problems.Conflict("这个时段已有安排"),
            ChangeBooking.Outcome.WrongState => Problems.Conflict($"{wrongState}(当前状态:{BookingStatus.Chinese(r.Booking?.Status ?? "")})"),
            _ => TypedResults.Ok(r.Booking!.ToDto(township)),
        };
}
