using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation.Bookings;

public sealed record DeclineRequest(string? Reason);

internal static class BookingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/bookings").WithTags("调解预约").RequireAuthorization();
        group.MapPost("", CreateAsync).WithSummary("预约一个时段");
        group.MapGet("/mine", MineAsync).WithSummary("我的预约");
        group.MapGet("/{id:int}", GetAsync).WithSummary("一条预约(申请人或工作人员)");
        group.MapPost("/{id:int}/cancel", CancelAsync).WithSummary("取消预约,释放时段");

        var staff = group.MapGroup("").RequirePermission(MediationPermissions.ManageBookings);
        staff.MapGet("", InboxAsync).WithSummary("预约收件箱(工作人员)");
        staff.MapPost("/{id:int}/confirm", ConfirmAsync).WithSummary("确认预约");
        staff.MapPost("/{id:int}/decline", DeclineAsync).WithSummary("婉拒预约(附理由)");
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
        int id, ChangeBooking change, Township township, ClaimsPrincipal user, IAuthorizationService authorization, CancellationToken ct)
    {
        var me = Applicant.Id(user);
        var staff = await IsStaffAsync(user, authorization);
        return Result(await change.CancelAsync(id, b => staff || b.ApplicantId == me, Applicant.Name(user), ct), township, "这条预约已取消或已被婉拒,无需再取消");
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> ConfirmAsync(int id, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
        => Result(await change.ConfirmAsync(id, Applicant.Name(user), ct), township, "只有待确认的预约才能确认");

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult, ValidationProblem>> DeclineAsync(
        int id, DeclineRequest? request, ChangeBooking change, Township township, ClaimsPrincipal user, CancellationToken ct)
    {
        var v = new Validation().Optional("reason", request?.Reason, "婉拒理由", BookingRules.MaxReasonLength);
        if (!v.IsValid) return v.Problem();
        var r = Result(await change.DeclineAsync(id, request?.Reason, Applicant.Name(user), ct), township, "只有待确认的预约才能婉拒");
        return r.Result switch { Ok<BookingDto> ok => ok, ProblemHttpResult p => p, _ => throw new InvalidOperationException() };
    }

    private static Results<Ok<BookingDto>, ProblemHttpResult> Result((ChangeBooking.Outcome Outcome, Booking? Booking) r, Township township, string wrongState)
        => r.Outcome switch
        {
            ChangeBooking.Outcome.NotFound => Problems.NotFound("没有这条预约"),
            ChangeBooking.Outcome.WrongState => Problems.Conflict($"{wrongState}(当前状态:{BookingStatus.Chinese(r.Booking?.Status ?? "")})"),
            _ => TypedResults.Ok(r.Booking!.ToDto(township)),
        };
}
