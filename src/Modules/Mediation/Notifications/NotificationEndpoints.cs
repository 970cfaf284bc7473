using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Notifications;

public sealed record NotificationDto(long Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/mediation/notifications", async Task<Ok<List<NotificationDto>>> (MediationDbContext db, Township township, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var me = Applicant.Id(user) ?? "";
            var zone = TownshipTime.Zone(township);
            var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
            return TypedResults.Ok(items.Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, SlotCalendar.ToLocal(n.CreatedAt, zone), n.ReadAt is not null)).ToList());
        }).RequireAuthorization().WithTags("调解预约").WithSummary("我的提醒");
}
