using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Designer;
using Zhizhi.Orchard.Workflows.Engine;

namespace Zhizhi.Orchard.Workflows.Pages.Admin;

/// <summary>
/// The designer: edits a definition in the browser and posts it here (antiforgery-checked) to validate, save as a
/// new version, or dry-run. <c>?version=n</c> shows an old version read-only, with "以此版本为准" to save it again.
/// </summary>
[Authorize(Policy = WorkflowPermissions.ManageName)]
[RequiresFeature(WorkflowFeatures.Workflows)]
public sealed class DesignerModel(WorkflowsDbContext db, ActivityRegistry registry, ImportDefinition import, WorkflowEngine engine) : PageModel
{
    public string Id { get; private set; } = "";
    public bool IsNew { get; private set; }
    public int? ViewingVersion { get; private set; }
    public int? LatestVersion { get; private set; }
    public string DocumentJson { get; private set; } = "{}";
    public string Name { get; private set; } = "";
    public bool Enabled { get; private set; } = true;
    public IReadOnlyList<WorkflowDefinition> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, int? version, string? name, CancellationToken ct)
    {
        Id = id;
        Versions = await db.Definitions.AsNoTracking().Where(d => d.Id == id).OrderByDescending(d => d.Version).ToListAsync(ct);
        LatestVersion = Versions.FirstOrDefault()?.Version;
        DefinitionDocument document;
        if (Versions.Count == 0)
        {
            if (version is not null) return NotFound();
            IsNew = true;
            document = new DefinitionDocument(id, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), true, null, [], [], []);
        }
        else
        {
            var shown = version is null ? Versions[0] : Versions.FirstOrDefault(v => v.Version == version);
            if (shown is null) return NotFound();
            if (version is not null && version != LatestVersion) ViewingVersion = version;
            document = shown.Document();
        }
        Name = document.Name ?? "";
        Enabled = document.Enabled ?? true;
        DocumentJson = JsonSerializer.Serialize(document, DefinitionDocument.JsonOptions);
        return Page();
    }

    public IActionResult OnPostValidate(string id, [FromBody] DefinitionDocument? document)
    {
        if (document is null) return Json(400, new { detail = "请求体不是有效的流程定义 JSON" });
        var report = DesignerChecks.Validate(document with { Id = id }, registry);
        return Json(report.Valid ? 200 : 400, report);
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, [FromBody] DefinitionDocument? document, CancellationToken ct)
    {
        if (document is null) return Json(400, new { detail = "请求体不是有效的流程定义 JSON" });
        document = document with { Id = id, Version = null };
        var report = DesignerChecks.Validate(document, registry);
        if (!report.Valid)
            return Json(400, new { detail = string.Join(";", report.Issues.Where(i => i.Severity == DefinitionIssue.Error).Select(i => i.Message)), issues = report.Issues });
        var saved = await import.ExecuteAsync(document, User.Identity?.Name, ct);
        return Json(200, new { id = saved.Id, version = saved.Version });
    }

    public async Task<IActionResult> OnPostDryRunAsync(string id, [FromBody] DryRunRequest? request, CancellationToken ct)
    {
        if (request?.Definition is null) return Json(400, new { detail = "缺少要试运行的流程定义" });
        var document = request.Definition with { Id = id };
        var report = DesignerChecks.Validate(document, registry);
        if (!report.Valid)
            return Json(400, new { detail = string.Join(";", report.Issues.Where(i => i.Severity == DefinitionIssue.Error).Select(i => i.Message)), issues = report.Issues });
        if (request.CorrelationId is { Length: > WorkflowsDbContext.IdLength }) return Json(400, new { detail = $"关联号不能超过 {WorkflowsDbContext.IdLength} 个字符" });
        if (engine.CheckChoices(document, request.Choices) is { Count: > 0 } errors) return Json(400, new { detail = string.Join(";", errors) });
        return Json(200, await engine.DryRunAsync(document, request.Input, request.CorrelationId, ct, request.Choices));
    }

    private JsonResult Json(int status, object value) => new(value, DefinitionDocument.JsonOptions) { StatusCode = status };
}
