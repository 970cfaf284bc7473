using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Townships.Pages.Admin.Townships;

[RequiresFeature("Townships")]
[Authorize(Policy = "Townships.Manage")]
public sealed class EditModel(ITownshipManager manager, IFeatureNames features) : PageModel
{
    public Township Target { get; private set; } = null!;
    public IReadOnlyList<FeatureDescriptor> Features => features.ForTownships;
    public IReadOnlyList<ThemeDescriptor> Themes => manager.PublicThemes;

    public IActionResult OnGet(string name) => Load(name) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFeaturesAsync(string name, string[] enabled, CancellationToken ct)
    {
        if (!Load(name)) return NotFound();
        var wanted = enabled.ToHashSet(StringComparer.Ordinal);
        var enable = Features.Where(f => wanted.Contains(f.Id) && !Target.IsEnabled(f.Id)).Select(f => f.Id).ToList();
        var disable = Features.Where(f => !f.AlwaysEnabled && !wanted.Contains(f.Id) && Target.IsEnabled(f.Id)).Select(f => f.Id).ToList();
        return Done(await manager.ChangeFeaturesAsync(name, enable, disable, ct), "功能已保存并立即生效");
    }

    public async Task<IActionResult> OnPostIdentityAsync(string name, string? displayName, string? hostNames, CancellationToken ct)
    {
        if (!Load(name)) return NotFound();
        var hosts = (hostNames ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Done(await manager.UpdateAsync(name, displayName ?? "", null, null, hosts, ct), "名称与域名已保存");
    }

    public async Task<IActionResult> OnPostThemeAsync(string name, string theme, CancellationToken ct)
    {
        if (!Load(name)) return NotFound();
        return Done(await manager.UpdateAsync(name, null, theme, null, null, ct), "主题已保存");
    }

    public async Task<IActionResult> OnPostStateAsync(string name, bool enable, CancellationToken ct)
    {
        if (!Load(name)) return NotFound();
        return Done(await manager.SetStateAsync(name, enable, ct), enable ? "乡镇已恢复" : "乡镇已停用");
    }

    private IActionResult Done(TownshipResult result, string message)
    {
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Detail ?? "操作失败");
            Target = manager.Find(Target.Name) ?? Target;
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage(new { name = Target.Name });
    }

    private bool Load(string name)
    {
        if (manager.Find(name) is not { IsHost: false, State: not TownshipState.Initializing } t) return false;
        Target = t;
        return true;
    }
}
