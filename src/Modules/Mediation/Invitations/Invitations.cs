using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Invitations;

/// <summary>What the other party sees from an invitation: the time and place, not the applicant's account of it.</summary>
public sealed record InvitationDto(string Code, string RoomName, string Address, DateTimeOffset Start, DateTimeOffset End, string Category,
    string Status, string StatusText, bool Accepted, bool AcceptedByMe);

/// <summary>
/// The other party accepts the booked time with the invitation code (or the link that carries it). The first
/// signed-in person other than the applicant to accept becomes the other party: a conditional UPDATE decides.
/// </summary>
public sealed class BookingInvitations(MediationDbContext db, TimeProvider clock, ITownshipAccessor townships)
{
    public enum Outcome { Accepted, NotFound, OwnBooking, AlreadyTaken, Closed }

    public async Task<InvitationDto?> FindAsync(string code, string? me, CancellationToken ct)
    {
        var b = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(x => x.InviteCode == code, ct);
        if (b is null) return null;
        var room = await db.Rooms.AsNoTracking().FirstAsync(r => r.Id == b.RoomId, ct);
        var zone = TownshipTime.Zone(townships.Current);
        return new InvitationDto(code, room.Name, room.Address, SlotCalendar.ToLocal(b.SlotStart, zone), SlotCalendar.ToLocal(b.SlotEnd, zone), b.Category,
            b.Status, BookingStatus.Chinese(b.Status), b.OtherPartyAcceptedAt is not null, me is not null && b.OtherPartyUserId == me);
    }

    public async Task<Outcome> AcceptAsync(string code, string me, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Bookings
            .Where(b => b.InviteCode == code && b.OtherPartyUserId == null && b.ApplicantId != me
                        && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed) && b.SlotStart > now)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.OtherPartyUserId, me).SetProperty(b => b.OtherPartyAcceptedAt, now).SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (updated == 1) return Outcome.Accepted;
        var b = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(x => x.InviteCode == code, ct);
        if (b is null) return Outcome.NotFound;
        if (b.ApplicantId == me) return Outcome.OwnBooking;
        if (b.OtherPartyUserId == me) return Outcome.Accepted;
        return b.OtherPartyUserId is not null ? Outcome.AlreadyTaken : Outcome.Closed;
    }

    public static string Message(Outcome o) => o switch
    {
        Outcome.Accepted => "已接受调解时间",
        Outcome.NotFound => "没有这个邀请码",
        Outcome.OwnBooking => "这是您自己提交的预约,请把邀请码发给对方当事人",
        Outcome.AlreadyTaken => "这个邀请已被他人接受",
        _ => "这条预约已取消、已结束或已过时间,无法接受",
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mediation/invitations").WithTags("调解预约").RequireAuthorization();
        group.MapGet("/{code}", async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> (string code, BookingInvitations invitations, ClaimsPrincipal user, CancellationToken ct)
            => code.Length <= 12 && await invitations.FindAsync(code.Trim().ToUpperInvariant(), Applicant.Id(user), ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("没有这个邀请码"))
            .WithSummary("查看邀请(对方当事人)");
        group.MapPost("/{code}/accept", async Task<Results<Ok<InvitationDto>, ProblemHttpResult>> (string code, BookingInvitations invitations, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (code.Length > 12 || Applicant.Id(user) is not { } me) return Problems.NotFound("没有这个邀请码");
            code = code.Trim().ToUpperInvariant();
            var outcome = await invitations.AcceptAsync(code, me, ct);
            return outcome switch
            {
                Outcome.Accepted => TypedResults.Ok((await invitations.FindAsync(code, me, ct))!),
                Outcome.NotFound => Problems.NotFound(Message(outcome)),
                Outcome.OwnBooking => Problems.BadRequest(Message(outcome)),
                _ => Problems.Conflict(Message(outcome)),
            };
        }).WithSummary("接受调解时间(对方当事人)");
    }
}
