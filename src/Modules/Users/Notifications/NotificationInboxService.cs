using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Notifications;

namespace Zhizhi.Orchard.Users.Notifications;

/// <summary>
/// The shared inbox: asks every notification source whose feature is on in this township. Scoped, so the unread
/// count is computed at most once per request (the header badge and the page share it).
/// </summary>
internal sealed class NotificationInboxService(
    IEnumerable<NotificationSourceRegistration> registrations, IServiceProvider services, ITownshipAccessor townships, TimeProvider clock) : INotificationInbox
{
    private readonly NotificationSourceRegistration[] _all = [.. registrations];
    private IReadOnlyList<NotificationSourceRegistration>? _sources;
    private (string User, int Count)? _unread;

    public IReadOnlyList<NotificationSourceRegistration> Sources
        => _sources ??= [.. _all.Where(r => townships.Current.IsEnabled(r.FeatureId))];

    private INotificationSource Source(NotificationSourceRegistration r) => (INotificationSource)services.GetRequiredService(r.SourceType);

    private DateTime Since => clock.GetUtcNow().UtcDateTime - Inbox.Window;

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var me = Inbox.UserId(user);
        if (me is null) return 0;
        if (_unread is { } cached && cached.User == me) return cached.Count;
        var since = Since;
        var count = 0;
        foreach (var r in Sources) count += await Source(r).CountUnreadAsync(user, since, ct);
        _unread = (me, count);
        return count;
    }

    public async Task<IReadOnlyList<InboxItem>> ListAsync(ClaimsPrincipal user, string? source, bool unreadOnly, CancellationToken ct)
    {
        if (Inbox.UserId(user) is null) return [];
        var since = Since;
        var items = new List<InboxItem>();
        foreach (var r in Sources.Where(r => source is null || r.Id == source))
            items.AddRange(await Source(r).RecentAsync(user, unreadOnly, Inbox.MaxItems, since, ct));
        return [.. items.OrderByDescending(i => i.CreatedAtUtc).ThenBy(i => i.Source, StringComparer.Ordinal).ThenByDescending(i => i.Id).Take(Inbox.MaxItems)];
    }

    public async Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<(string Source, long Id)>? items, string? source, CancellationToken ct)
    {
        if (Inbox.UserId(user) is null) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Inbox.Window;
        var marked = 0;
        foreach (var r in Sources.Where(r => source is null || r.Id == source))
        {
            IReadOnlyCollection<long>? ids = null;
            if (items is not null)
            {
                ids = [.. items.Where(i => i.Source == r.Id).Select(i => i.Id).Distinct()];
                if (ids.Count == 0) continue;
            }
            marked += await Source(r).MarkReadAsync(user, ids, since, now, ct);
        }
        _unread = null;
        return marked;
    }
}
