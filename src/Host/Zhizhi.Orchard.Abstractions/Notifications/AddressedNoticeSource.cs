using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Zhizhi.Orchard.Notifications;

/// <summary>A notice addressed by a comma-separated list of user names, display names or roles (one row serves many people).</summary>
public interface IAddressedNotice
{
    long Id { get; }
    string? Recipients { get; }
    DateTime CreatedAt { get; }
}

/// <summary>
/// The shared inbox's side of a module table of <see cref="IAddressedNotice"/> rows with a
/// <see cref="NotificationRead"/> table beside it (Workflows' 流程通知, DisputeRouting's reminders): which rows are the
/// user's (the recipient match runs in SQL over the inbox window), which of them they read, the cached unread count,
/// and marking read. A module says only where its rows are and how one is shown.
/// </summary>
public abstract class AddressedNoticeSource<TNotice>(DbContext db, UnreadCounts counts, ITownshipAccessor townships) : INotificationSource
    where TNotice : class, IAddressedNotice
{
    /// <summary>The source id of the API (<c>?source=</c>).</summary>
    protected abstract string SourceId { get; }

    /// <summary>Whether a display name also addresses the user (besides user name and roles).</summary>
    protected abstract bool MatchDisplayName { get; }

    /// <summary>The rows shown to the user, as one of the page: title, link (null: text only).</summary>
    protected abstract Task<IReadOnlyList<InboxItem>> ShowAsync(ClaimsPrincipal user, IReadOnlyList<(TNotice Notice, bool Read)> rows, CancellationToken ct);

    private IQueryable<TNotice> Mine(ClaimsPrincipal user, DateTime sinceUtc)
        => db.Set<TNotice>().AsNoTracking().Where(n => n.CreatedAt >= sinceUtc)
            .Where(Inbox.AddressedTo<TNotice>(n => n.Recipients, Inbox.RecipientNames(user, MatchDisplayName)));

    private IQueryable<NotificationRead> Reads => db.Set<NotificationRead>();

    public async Task<IReadOnlyList<InboxItem>> RecentAsync(ClaimsPrincipal user, bool unreadOnly, int take, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return [];
        var rows = await Mine(user, sinceUtc)
            .Select(n => new { Notice = n, Read = Reads.Any(r => r.NotificationId == n.Id && r.UserId == me) })
            .Where(n => !unreadOnly || !n.Read)
            .OrderByDescending(n => n.Notice.CreatedAt).ThenByDescending(n => n.Notice.Id).Take(take).ToListAsync(ct);
        return await ShowAsync(user, [.. rows.Select(r => (r.Notice, r.Read))], ct);
    }

    /// <summary>Recounted only when a notice arrived or this person read one (see <see cref="UnreadCounts"/>).</summary>
    public Task<int> CountUnreadAsync(ClaimsPrincipal user, DateTime sinceUtc, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return Task.FromResult(0);
        return counts.GetAsync(UnreadCounts.Key(townships.Current, SourceId, me, Inbox.RecipientNames(user, MatchDisplayName)),
            async () => (await db.Set<TNotice>().MaxAsync(n => (long?)n.Id, ct) ?? 0, await Reads.CountAsync(r => r.UserId == me, ct)),
            () => Mine(user, sinceUtc).CountAsync(n => !Reads.Any(r => r.NotificationId == n.Id && r.UserId == me), ct));
    }

    public async Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<long>? ids, DateTime sinceUtc, DateTime utcNow, CancellationToken ct)
    {
        if (Inbox.UserId(user) is not { } me) return 0;
        var query = Mine(user, sinceUtc).Where(n => !Reads.Any(r => r.NotificationId == n.Id && r.UserId == me));
        if (ids is not null) query = query.Where(n => ids.Contains(n.Id));
        var unread = await query.Select(n => n.Id).ToListAsync(ct);
        return await db.MarkReadAsync(unread, me, utcNow, ct);
    }

    /// <summary>A stored time as UTC (SQLite gives it back unspecified).</summary>
    protected static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
