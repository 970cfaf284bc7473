using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Notifications;

namespace Zhizhi.Orchard.Mediation.Notifications;

/// <summary>Booking reminders in the shared inbox. Each row belongs to one resident and carries its own ReadAt.</summary>
internal sealed class MediationNotificationSource(MediationDbContext db) : INotificationSource
{
    public const string Id = "mediation";

    public async Task<IReadOnlyList<InboxItem>> RecentAsync(ClaimsPrincipal user, bool unreadOnly, int take, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return [];
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == me && n.CreatedAt >= sinceUtc && (!unreadOnly || n.ReadAt == null))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(ct);
        return [.. rows.Select(n => new InboxItem(Id, n.Id, n.Title, n.Body, Link(n.Link), DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), n.ReadAt is not null))];
    }

    /// <summary>Stored links are township-relative without the slash ("mediation/bookings").</summary>
    private static string? Link(string? stored) => string.IsNullOrEmpty(stored) ? null : "/" + stored.TrimStart('/');

    public Task<int> CountUnreadAsync(ClaimsPrincipal user, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return Task.FromResult(0);
        return db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null && n.CreatedAt >= sinceUtc, ct);
    }

    /// <summary>One conditional UPDATE: only the user's own unread rows change, so parallel calls mark each row once.</summary>
    public Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<long>? ids, DateTime sinceUtc, DateTime utcNow, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return Task.FromResult(0);
        var query = db.Notifications.Where(n => n.UserId == me && n.ReadAt == null && n.CreatedAt >= sinceUtc);
        if (ids is not null) query = query.Where(n => ids.Contains(n.Id));
        return query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, utcNow), ct);
    }
}
