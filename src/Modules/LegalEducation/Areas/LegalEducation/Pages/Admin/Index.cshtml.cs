using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class IndexModel(LegalDbContext db, ChangeArticleStatus status, ITownshipAccessor townships) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<ArticleListItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
        => Items = [.. (await db.Articles.AsNoTracking().OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct))
            .Select(a => a.ToListItem(Township))];

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        var (outcome, _) = await status.PublishAsync(id, ct);
        TempData["Message"] = outcome == ChangeArticleStatus.Outcome.Done ? "已发布" : "未能发布:文章不存在或已发布";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct)
    {
        var (outcome, _) = await status.UnpublishAsync(id, ct);
        TempData["Message"] = outcome == ChangeArticleStatus.Outcome.Done ? "已下线" : "未能下线:文章不存在或尚未发布";
        return RedirectToPage();
    }
}
