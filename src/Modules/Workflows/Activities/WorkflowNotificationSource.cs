using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>
/// "通知" activities' in-app notices in the shared inbox. A notice names users and roles, so whether one person read
/// it is a row of its own (workflows_notification_reads); the recipient match runs in SQL over the inbox window.
/// </summary>
internal sealed class WorkflowNotificationSource(WorkflowsDbContext db, IAuthorizationService authorization, UnreadCounts counts, ITownshipAccessor townships) : INotificationSource
{
    public const string Id = "workflows";

    private IQueryable<WorkflowNotification> Mine(ClaimsPrincipal user, DateTime sinceUtc)
        => db.Notifications.AsNoTracking().Where(n => n.CreatedAt >= sinceUtc)
            .Where(Inbox.AddressedTo<WorkflowNotification>(n => n.Recipients, Inbox.RecipientNames(user, withDisplayName: false)));

    public async Task<IReadOnlyList<InboxItem>> RecentAsync(ClaimsPrincipal user, bool unreadOnly, int take, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return [];
        var rows = await Mine(user, sinceUtc)
            .Select(n => new { n.Id, n.Text, n.InstanceId, n.CreatedAt, Read = db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == me) })
            .Where(n => !unreadOnly || !n.Read)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(ct);
        // The instance page is for those who manage workflows; others get the text only.
        var canOpen = rows.Count > 0 && (await authorization.AuthorizeAsync(user, WorkflowPermissions.ManageName)).Succeeded;
        return [.. rows.Select(n => new InboxItem(Id, n.Id, "流程通知", n.Text, canOpen ? $"/admin/workflows/instances/{Uri.EscapeDataString(n.InstanceId)}" : null,
            DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), n.Read))];
    }

    /// <summary>Recounted only when a notice arrived or this person read one (see <see cref="UnreadCounts"/>).</summary>
    public Task<int> CountUnreadAsync(ClaimsPrincipal user, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return Task.FromResult(0);
        return counts.GetAsync(UnreadCounts.Key(townships.Current, Id, me, Inbox.RecipientNames(user, withDisplayName: false)),
            async () => (await db.Notifications.MaxAsync(n => (long?)n.Id, ct) ?? 0, await db.NotificationReads.CountAsync(r => r.UserId == me, ct)),
            () => Mine(user, sinceUtc).CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == me), ct));
    }

    public async Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<long>? ids, DateTime sinceUtc, DateTime utcNow, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return 0;
        var query = Mine(user, sinceUtc).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == me));
        if (ids is not null) query = query.Where(n => ids.Contains(n.Id));
        var unread = await query.Select(n => n.Id).ToListAsync(ct);
        return await db.MarkReadAsync(unread, me, utcNow, ct);
    }
}
