using System.Security.Claims;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Notifications;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// Deadline reminders and overdue obligations in the shared inbox, for the staff they name (user name, display name
/// or role, as <see cref="DisputeInbox"/> reads them). Read state is per person (disputes_notification_reads): one
/// notice to "村调委会" is read by each member on their own.
/// </summary>
internal sealed class DisputeNotificationSource(DisputesDbContext db, UnreadCounts counts, ITownshipAccessor townships)
    : AddressedNoticeSource<DisputeNotification>(db, counts, townships)
{
    public const string Id = "disputes";

    protected override string SourceId => Id;

    protected override bool MatchDisplayName => true;

    protected override Task<IReadOnlyList<InboxItem>> ShowAsync(ClaimsPrincipal user, IReadOnlyList<(DisputeNotification Notice, bool Read)> rows, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<InboxItem>>([.. rows.Select(r => new InboxItem(Id, r.Notice.Id, NotificationKinds.Chinese(r.Notice.Kind), r.Notice.Text,
            r.Notice.Kind == NotificationKinds.ObligationOverdue ? $"/admin/disputes/{r.Notice.CaseId}/obligations" : $"/admin/disputes/{r.Notice.CaseId}",
            Utc(r.Notice.CreatedAt), r.Read))]);
}
