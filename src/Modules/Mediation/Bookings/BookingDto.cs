using System.Security.Claims;
using Zhizhi.Orchard.Mediation.Rooms;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.Mediation.Bookings;

public sealed record BookingDto(
    int Id, string Status, string StatusText, int RoomId, DateTimeOffset Start, DateTimeOffset End, string Code,
    string Category, string Description, string? OtherParty, string? ApplicantName, string? DeclineReason, DateTimeOffset CreatedAt,
    int? MediatorId, string? MediatorName, string? InviteCode, bool OtherPartyAccepted, DateTimeOffset? CheckedInAt,
    string? Outcome, string? OutcomeText, string? OutcomeNote, int Reschedules);

internal static class BookingMapping
{
    public static BookingDto ToDto(this Booking b, Township township)
    {
        var zone = TownshipTime.Zone(township);
        return new(b.Id, b.Status, BookingStatus.Chinese(b.Status), b.RoomId, SlotCalendar.ToLocal(b.SlotStart, zone), SlotCalendar.ToLocal(b.SlotEnd, zone),
            b.Code, b.Category, b.Description, b.OtherParty, b.ApplicantName, b.DeclineReason, SlotCalendar.ToLocal(b.CreatedAt, zone),
            b.MediatorId, b.MediatorName, b.InviteCode, b.OtherPartyAcceptedAt is not null, b.CheckedInAt is { } c ? SlotCalendar.ToLocal(c, zone) : null,
            b.Outcome, b.Outcome is null ? null : BookingOutcomes.Chinese(b.Outcome), b.OutcomeNote, b.Reschedules);
    }
}

internal static class Applicant
{
    public static string? Id(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? Name(ClaimsPrincipal user) => user.FindFirstValue(ZhizhiClaims.DisplayName) ?? user.Identity?.Name;
}
