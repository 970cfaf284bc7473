using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Engine;
using Zhizhi.Orchard.Workflows.Instances;
using static Zhizhi.Orchard.Workflows.Engine.WorkflowEngine;

namespace Zhizhi.Orchard.Workflows.Pages.Admin;

/// <summary>One instance: its path on the (read-only) graph of its version, its state and timeline; cancel and retry.</summary>
[Authorize(Policy = WorkflowPermissions.ManageName)]
[RequiresFeature(WorkflowFeatures.Workflows)]
public sealed class InstanceModel(WorkflowsDbContext db, WorkflowEngine engine) : PageModel
{
    public sealed record Step(string ActivityId, string Label, DateTime At);

    public InstanceDto Instance { get; private set; } = null!;
    public string DefinitionName { get; private set; } = "";
    public string DocumentJson { get; private set; } = "{}";
    public string PathJson { get; private set; } = "[]";
    public IReadOnlyList<Step> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string instanceId, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null) return NotFound();
        var definition = await db.Definitions.AsNoTracking().FirstAsync(d => d.Id == instance.DefinitionId && d.Version == instance.Version, ct);
        var document = definition.Document();
        Instance = InstanceDto.From(instance);
        DefinitionName = definition.Name;
        DocumentJson = JsonSerializer.Serialize(document, DefinitionDocument.JsonOptions);
        var steps = (Instance.Path as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => (Id: p["activityId"]?.GetValue<string>() ?? "", At: p["at"]?.GetValue<DateTime>() ?? default)).ToList();
        PathJson = JsonSerializer.Serialize(steps.Select(s => s.Id).Distinct().ToList());
        Timeline = [.. steps.Select(s =>
        {
            var node = document.Activities?.FirstOrDefault(a => a.Id == s.Id);
            return new Step(s.Id, node?.Name ?? node?.Type ?? s.Id, DateTime.SpecifyKind(s.At, DateTimeKind.Utc));
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string instanceId, CancellationToken ct)
    {
        TempData["Message"] = await engine.CancelAsync(instanceId, ct) switch
        {
            ResumeResult.Resumed => "已取消该实例",
            ResumeResult.NotFound => "没有这个流程实例",
            ResumeResult.Conflict => "实例正被其他操作推进,请刷新后重试",
            _ => "只有等待中或出错的实例可以取消",
        };
        return RedirectToPage(new { instanceId });
    }

    public async Task<IActionResult> OnPostRetryAsync(string instanceId, CancellationToken ct)
    {
        TempData["Message"] = await engine.RetryAsync(instanceId, ct) switch
        {
            ResumeResult.Resumed => "已重试该实例",
            ResumeResult.NotFound => "没有这个流程实例",
            ResumeResult.Conflict => "实例正被其他操作推进,请刷新后重试",
            _ => "只有出错的实例可以重试",
        };
        return RedirectToPage(new { instanceId });
    }

    public static string Pretty(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
