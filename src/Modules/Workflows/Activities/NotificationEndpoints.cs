using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Activities;

public sealed record NotificationDto(long Id, string Text, string InstanceId, string? CorrelationId, DateTime CreatedAt);

/// <summary>The signed-in user's in-app workflow notifications (addressed to their name or one of their roles), newest first.</summary>
public static class NotificationInbox
{
    public static async Task<List<NotificationDto>> ForAsync(WorkflowsDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var recent = await db.Notifications.AsNoTracking().OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(1000).ToListAsync(ct);
        return [.. recent.Where(n => n.IsFor(user.Identity?.Name, roles)).Take(100)
            .Select(n => new NotificationDto(n.Id, n.Text, n.InstanceId, n.CorrelationId, DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc)))];
    }
}

internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/workflows/notifications", async (WorkflowsDbContext db, ClaimsPrincipal user, CancellationToken ct)
                => TypedResults.Ok(await NotificationInbox.ForAsync(db, user, ct)))
            .WithTags("流程").RequireAuthorization().WithSummary("我的流程通知(发给本人或本人角色的站内通知)");
}
