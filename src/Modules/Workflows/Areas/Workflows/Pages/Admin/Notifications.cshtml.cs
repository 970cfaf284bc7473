using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Pages.Admin;

/// <summary>The signed-in user's in-app workflow notifications (sent by "通知" activities to their name or role).</summary>
[Authorize]
[RequiresFeature(WorkflowFeatures.Workflows)]
public sealed class NotificationsModel(WorkflowsDbContext db) : PageModel
{
    public IReadOnlyList<NotificationDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await NotificationInbox.ForAsync(db, User, ct);
}
