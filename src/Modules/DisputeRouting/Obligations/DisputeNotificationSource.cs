using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Notifications;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// Deadline reminders and overdue obligations in the shared inbox, for the staff they name (user name, display name
/// or role, as <see cref="DisputeInbox"/> reads them). Read state is per person (disputes_notification_reads): one
/// notice to "村调委会" is read by each member on their own.
/// </summary>
internal sealed class DisputeNotificationSource(DisputesDbContext db, UnreadCounts counts, ITownshipAccessor townships) : INotificationSource
{
    public const string Id = "disputes";

    private IQueryable<DisputeNotification> Mine(ClaimsPrincipal user, DateTime sinceUtc)
        => db.Notifications.AsNoTracking().Where(n => n.CreatedAt >= sinceUtc)
            .Where(Inbox.AddressedTo<DisputeNotification>(n => n.Recipients, Inbox.RecipientNames(user, withDisplayName: true)));

    public async Task<IReadOnlyList<InboxItem>> RecentAsync(ClaimsPrincipal user, bool unreadOnly, int take, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return [];
        var rows = await Mine(user, sinceUtc)
            .Select(n => new { n.Id, n.Kind, n.CaseId, n.Text, n.CreatedAt, Read = db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == me) })
            .Where(n => !unreadOnly || !n.Read)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(ct);
        return [.. rows.Select(n => new InboxItem(Id, n.Id, NotificationKinds.Chinese(n.Kind), n.Text,
            n.Kind == NotificationKinds.ObligationOverdue ? $"/admin/disputes/{n.CaseId}/obligations" : $"/admin/disputes/{n.CaseId}",
            DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), n.Read))];
    }

    /// <summary>Recounted only when a notice arrived or this person read one (see <see cref="UnreadCounts"/>).</summary>
    public Task<int> CountUnreadAsync(ClaimsPrincipal user, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return Task.FromResult(0);
        return counts.GetAsync(UnreadCounts.Key(townships.Current, Id, me, Inbox.RecipientNames(user, withDisplayName: true)),
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
