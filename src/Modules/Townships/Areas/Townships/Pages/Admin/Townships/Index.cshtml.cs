using Zhizhi.Orchard.Http;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Townships.Pages.Admin.Townships;

[RequiresFeature("Townships")]
[Authorize(Policy = "Townships.Manage")]
public sealed class IndexModel(ITownshipManager manager) : PageModel
{
    public IReadOnlyList<Township> Townships { get; private set; } = [];
    public IReadOnlyList<RecipeInfo> Recipes => manager.Recipes;

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public sealed class CreateInput
    {
        [Display(Name = "标识")] public string? Name { get; set; }
        [Display(Name = "乡镇名称")] public string? DisplayName { get; set; }
        [Display(Name = "管理员用户名")] public string? AdminUserName { get; set; }
        [Display(Name = "管理员密码")] public string? AdminPassword { get; set; }
        [Display(Name = "配方")] public string? Recipe { get; set; } = "default";
    }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await manager.CreateAsync(new CreateTownshipRequest(
            Input.Name?.Trim() ?? "", Input.DisplayName ?? "", Input.AdminUserName ?? "", Input.AdminPassword ?? "", Input.Recipe), ct);
        if (result.Township is { } t)
        {
            TempData["Message"] = $"已开设“{t.DisplayName}”,入口 /{t.Name}/";
            return RedirectToPage();
        }
        ModelState.AddFieldErrors(result.Errors);
        if (result.Errors is null or { Count: 0 }) ModelState.AddModelError("", result.Detail ?? "开设失败");
        Load();
        return Page();
    }

    private void Load() => Townships = [.. manager.List().Where(t => !t.IsHost && t.State != TownshipState.Initializing)];
}
