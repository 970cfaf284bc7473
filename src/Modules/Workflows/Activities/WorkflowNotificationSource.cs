using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>
/// "通知" activities' in-app notices in the shared inbox. A notice names users and roles, so whether one person read
/// it is a row of its own (workflows_notification_reads); the recipient match runs in SQL over the inbox window.
/// </summary>
internal sealed class WorkflowNotificationSource(WorkflowsDbContext db, IAuthorizationService authorization, UnreadCounts counts, ITownshipAccessor townships)
    : AddressedNoticeSource<WorkflowNotification>(db, counts, townships)
{
    public const string Id = "workflows";

    protected override string SourceId => Id;

    protected override bool MatchDisplayName => false;

    protected override async Task<IReadOnlyList<InboxItem>> ShowAsync(ClaimsPrincipal user, IReadOnlyList<(WorkflowNotification Notice, bool Read)> rows, CancellationToken ct)
    {
        // The instance page is for those who manage workflows; others get the text only.
        var canOpen = rows.Count > 0 && (await authorization.AuthorizeAsync(user, WorkflowPermissions.ManageName)).Succeeded;
        return [.. rows.Select(r => new InboxItem(Id, r.Notice.Id, "流程通知", r.Notice.Text,
            canOpen ? $"/admin/workflows/instances/{Uri.EscapeDataString(r.Notice.InstanceId)}" : null, Utc(r.Notice.CreatedAt), r.Read))];
    }
}
