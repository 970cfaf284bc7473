using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Workflows.Pages.Admin;

/// <summary>The definitions (latest versions), "新建" and the import of a JSON file.</summary>
[Authorize(Policy = WorkflowPermissions.ManageName)]
[RequiresFeature(WorkflowFeatures.Workflows)]
public sealed partial class IndexModel(WorkflowsDbContext db, ImportDefinition import) : PageModel
{
    public const int MaxImportBytes = 1024 * 1024;

    public sealed record Row(string Id, string Name, bool Enabled, int Version, DateTime CreatedAt, int Active);

    public sealed class NewInput
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
    }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    [BindProperty]
    public NewInput Input { get; set; } = new();

    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNewAsync(CancellationToken ct)
    {
        var id = Input.Id?.Trim() ?? "";
        if (!Slug().IsMatch(id) || id is "instances" or "signals" or "activities" or "validate" or "dry-run")
            ModelState.AddModelError("Input.Id", "流程编号只能用小写字母、数字和连字符(2-100 个字符),以字母或数字开头");
        else if (await db.Definitions.AnyAsync(d => d.Id == id, ct))
            ModelState.AddModelError("Input.Id", $"流程编号“{id}”已存在,请直接打开它编辑");
        if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", "流程名称不能为空");
        else if (Input.Name.Trim().Length > 100) ModelState.AddModelError("Input.Name", "流程名称不能超过 100 个字符");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        return Redirect(Url.Content($"~/admin/workflows/{id}?name={Uri.EscapeDataString(Input.Name!.Trim())}"));
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        ModelState.Clear();
        var errors = new List<string>();
        DefinitionDocument? document = null;
        if (file is null || file.Length == 0) errors.Add("请选择要导入的 JSON 文件");
        else if (file.Length > MaxImportBytes) errors.Add("文件超过 1 MB");
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                document = await JsonSerializer.DeserializeAsync<DefinitionDocument>(stream, DefinitionDocument.JsonOptions, ct);
                if (document is null) errors.Add("文件内容不是流程定义");
            }
            catch (JsonException ex)
            {
                errors.Add($"文件不是有效的 JSON:{ex.Message}");
            }
        }
        if (document is not null)
        {
            var v = import.Validate(document with { Version = null });
            if (!v.IsValid) errors.AddRange(v.Errors.SelectMany(e => e.Value));
        }
        if (errors.Count > 0)
        {
            ImportErrors = errors;
            await LoadAsync(ct);
            return Page();
        }
        var saved = await import.ExecuteAsync(document! with { Version = null }, User.Identity?.Name, ct);
        TempData["Message"] = $"已导入流程“{saved.Name}”,第 {saved.Version} 版";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(x => x.Id == d.Id).Max(x => x.Version))
            .OrderBy(d => d.Id).ToListAsync(ct);
        var active = await db.Instances.AsNoTracking()
            .Where(i => i.Status == InstanceStatus.Waiting || i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Faulted)
            .GroupBy(i => i.DefinitionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Items = [.. latest.Select(d => new Row(d.Id, d.Name, d.Enabled, d.Version, DateTime.SpecifyKind(d.CreatedAt, DateTimeKind.Utc), active.GetValueOrDefault(d.Id)))];
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex Slug();
}
