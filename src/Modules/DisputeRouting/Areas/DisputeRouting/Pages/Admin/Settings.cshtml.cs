using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Categories;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Routing;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>Categories (add, rename, retire, restore) and the module settings: case number prefix and routing workflow.</summary>
[Authorize(Policy = DisputePermissions.ManageName)]
public sealed class SettingsModel(DisputesDbContext db, DisputeSettings settings) : PageModel
{
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public IReadOnlyList<string> Workflows => DisputeSetup.Definitions;

    [BindProperty] public SettingsInput Input { get; set; } = new();
    [BindProperty] public string? NewCategory { get; set; }

    public sealed class SettingsInput
    {
        public string? CaseNoPrefix { get; set; }
        public string? WorkflowId { get; set; }
    }

    private async Task LoadAsync(CancellationToken ct)
        => Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await settings.GetAsync(ct);
        Input = new SettingsInput { CaseNoPrefix = s.CaseNoPrefix, WorkflowId = s.WorkflowId };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var dto = new SettingsDto(Input.CaseNoPrefix ?? "", Input.WorkflowId ?? "");
        var v = DisputeSettings.Validate(dto);
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        await settings.SaveAsync(dto, ct);
        TempData["Message"] = "设置已保存";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var name = NewCategory?.Trim();
        ModelState.Clear();
        if (string.IsNullOrEmpty(name) || name.Length > 50) ModelState.AddModelError(nameof(NewCategory), "类别名称不能为空,且不超过 50 个字符");
        else if (await db.Categories.AnyAsync(c => c.Name == name, ct)) ModelState.AddModelError(nameof(NewCategory), $"类别“{name}”已存在");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        db.Categories.Add(new Category { Name = name!, Order = (await db.Categories.MaxAsync(c => (int?)c.Order, ct) ?? 0) + 1 });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已新增类别“{name}”";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, CancellationToken ct)
    {
        var category = await db.Categories.FindAsync([id], ct);
        if (category is null) return NotFound();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50) TempData["Message"] = "改名未保存:类别名称不能为空,且不超过 50 个字符";
        else if (name != category.Name && (await db.Categories.AnyAsync(c => c.Name == name, ct) || !await CategoryEndpoints.ApplyRenameAsync(db, category, name, ct)))
            TempData["Message"] = $"改名未保存:类别“{name}”已存在";
        else TempData["Message"] = $"类别已改名为“{name}”,已有案件随之更名";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, bool retired, CancellationToken ct)
    {
        var category = await db.Categories.FindAsync([id], ct);
        if (category is null) return NotFound();
        category.Retired = retired;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = retired ? $"已停用“{category.Name}”" : $"已恢复“{category.Name}”";
        return RedirectToPage();
    }
}
