using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.LegalEducation.Searching;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>Synonyms and the full index rebuild, with its progress.</summary>
[RequiresFeature(LegalFeatures.Search)]
[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class SearchModel(LegalDbContext db, RebuildIndex rebuilds) : PageModel
{
    public IReadOnlyList<SynonymGroup> Groups { get; private set; } = [];
    public RebuildDto? Rebuild { get; private set; }

    [BindProperty] public string? Words { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = await db.Synonyms.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct);
        Rebuild = await rebuilds.LatestAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new SynonymGroupRequest(Words?.Split([' ', ',', ',', '、', '~', '\u3000'], StringSplitOptions.RemoveEmptyEntries));
        var v = SynonymRules.Validate(request);
        if (v.IsValid && await db.Synonyms.CountAsync(ct) >= SynonymRules.MaxGroups) v.Add("words", $"同义词组最多 {SynonymRules.MaxGroups} 组");
        if (!v.IsValid)
        {
            foreach (var message in v.Errors.SelectMany(e => e.Value)) ModelState.AddModelError(nameof(Words), message);
            await LoadAsync(ct);
            return Page();
        }
        db.Synonyms.Add(new SynonymGroup { Words = SynonymRules.Clean(request.Words) });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "已添加同义词组";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        TempData["Message"] = await db.Synonyms.Where(g => g.Id == id).ExecuteDeleteAsync(ct) > 0 ? "已删除同义词组" : "同义词组不存在";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRebuildAsync(CancellationToken ct)
    {
        TempData["Message"] = await rebuilds.StartAsync(User.Identity?.Name, ct) is null ? "已有一次重建正在进行" : "已开始在后台重建索引";
        return RedirectToPage();
    }
}
