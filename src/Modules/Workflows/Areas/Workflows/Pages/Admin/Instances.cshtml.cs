using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Pages.Admin;

/// <summary>Instances, filtered by definition, status and correlation id (newest first, 200 at most).</summary>
[Authorize(Policy = WorkflowPermissions.ManageName)]
[RequiresFeature(WorkflowFeatures.Workflows)]
public sealed class InstancesModel(WorkflowsDbContext db) : PageModel
{
    public const int Max = 200;

    public static string StatusText(string status) => status switch
    {
        InstanceStatus.Running => "运行中",
        InstanceStatus.Waiting => "等待中",
        InstanceStatus.Finished => "已完成",
        InstanceStatus.Faulted => "出错",
        InstanceStatus.Cancelled => "已取消",
        _ => status,
    };

    public string? Definition { get; private set; }
    public string? Status { get; private set; }
    public string? CorrelationId { get; private set; }
    public IReadOnlyList<(string Id, string Name)> Definitions { get; private set; } = [];
    public IReadOnlyList<WorkflowInstance> Items { get; private set; } = [];

    public async Task OnGetAsync(string? definition, string? status, string? correlationId, CancellationToken ct)
    {
        Definition = string.IsNullOrWhiteSpace(definition) ? null : definition.Trim();
        Status = status is not null && InstanceStatus.All.Contains(status) ? status : null;
        CorrelationId = string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim();
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(x => x.Id == d.Id).Max(x => x.Version))
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        Definitions = [.. latest.Select(d => (d.Id, d.Name))];
        var query = db.Instances.AsNoTracking();
        if (Definition is not null) query = query.Where(i => i.DefinitionId == Definition);
        if (Status is not null) query = query.Where(i => i.Status == Status);
        if (CorrelationId is not null) query = query.Where(i => i.CorrelationId == CorrelationId);
        Items = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(Max).ToListAsync(ct);
    }

    public string DefinitionName(string id) => Definitions.FirstOrDefault(d => d.Id == id).Name ?? id;
}
