using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Organisation;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>分派规则: who takes a case at each level, by village and category; the most specific rule wins.</summary>
[Authorize(Policy = DisputePermissions.ManageName)]
public sealed class AssignmentRulesModel(AssignmentRules rules, DisputesDbContext db, ITownshipDirectory directory) : PageModel
{
    public IReadOnlyList<AssignmentRule> Items { get; private set; } = [];
    public IReadOnlyList<string> Villages { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];

    [BindProperty] public RuleInput Input { get; set; } = new();

    public sealed class RuleInput
    {
        public int Id { get; set; }
        public string? Level { get; set; } = "village";
        public string? Village { get; set; }
        public string? Category { get; set; }
        public string? Assignee { get; set; }
        public string? DisplayName { get; set; }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await rules.ListAsync(ct);
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
        Categories = await db.Categories.AsNoTracking().Where(c => !c.Retired).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetAsync(int? edit, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (edit is null) return Page();
        if (Items.FirstOrDefault(r => r.Id == edit) is not { } r) return NotFound();
        Input = new RuleInput { Id = r.Id, Level = r.Level, Village = r.Village, Category = r.Category, Assignee = r.Assignee, DisplayName = r.DisplayName };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var request = new AssignmentRuleRequest(Input.Level, Input.Village, Input.Category, Input.Assignee, Input.DisplayName);
        var v = await rules.ValidateAsync(request, ct);
        ModelState.AddFieldErrors(v.Errors);
        if (ModelState.IsValid)
        {
            var (outcome, rule, message) = await rules.SaveAsync(Input.Id == 0 ? null : Input.Id, request, ct);
            if (outcome == AssignmentRules.Outcome.Done)
            {
                TempData["Message"] = $"已保存分派规则:{rule!.Describe()} → {rule.DisplayName}";
                return RedirectToPage();
            }
            ModelState.AddModelError(outcome == AssignmentRules.Outcome.NotFound ? "" : "Input.Village", message!);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        TempData["Message"] = await rules.RemoveAsync(id, ct) ? "已删除分派规则" : "该分派规则已不存在";
        return RedirectToPage();
    }
}
