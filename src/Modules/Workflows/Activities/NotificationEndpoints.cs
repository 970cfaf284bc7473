using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Activities;

public sealed record NotificationDto(long Id, string Text, string InstanceId, string? CorrelationId, DateTime CreatedAt);

/// <summary>The signed-in user's in-app workflow notifications (addressed to their name or one of their roles), newest first.</summary>
public static class NotificationInbox
{
    public static async Task<List<NotificationDto>> ForAsync(WorkflowsDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        // The recipient match runs in SQL, so an older notice of this user is not crowded out by the township's newer ones.
        var mine = await db.Notifications.AsNoTracking()
            .Where(Inbox.AddressedTo<WorkflowNotification>(n => n.Recipients, Inbox.RecipientNames(user, withDisplayName: false)))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(100).ToListAsync(ct);
        return [.. mine.Select(n => new NotificationDto(n.Id, n.Text, n.InstanceId, n.CorrelationId, DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc)))];
    }
}

internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/workflows/notifications", async (WorkflowsDbContext db, ClaimsPrincipal user, CancellationToken ct)
                => TypedResults.Ok(await NotificationInbox.ForAsync(db, user, ct)))
            .WithTags("流程").RequireAuthorization().WithSummary("我的流程通知(发给本人或本人角色的站内通知)");
}
