using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class IndexModel(LegalDbContext db, ChangeArticleStatus status, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public Township Township => townships.Current;
    public IReadOnlyList<ArticleListItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
        => Items = [.. (await db.Articles.AsNoTracking().OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct))
            .Select(a => a.ToListItem(Township))];

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <param name="publishAt">From the edit page's "定时发布" field (township local time); empty publishes now.</param>
    public async Task<IActionResult> OnPostPublishAsync(int id, string? publishAt, CancellationToken ct)
    {
        DateTime? at = null;
        if (!string.IsNullOrWhiteSpace(publishAt))
        {
            if (!ArticleRules.TryParsePublishAt(publishAt, Township, out var parsed))
            {
                TempData["Message"] = $"未能发布:发布时间无效,{ArticleRules.PublishAtFormats}";
                return Redirect(Url.Content($"~/admin/legal/edit/{id}"));
            }
            at = parsed;
        }
        var (outcome, article) = await status.PublishAsync(id, ct, at);
        TempData["Message"] = outcome != ChangeArticleStatus.Outcome.Done ? "未能发布:文章不存在或已发布"
            : article!.PublishedAt > clock.GetUtcNow().UtcDateTime ? $"已定时发布,将于 {TownshipTime.ToLocal(Township, article.PublishedAt.Value):yyyy-MM-dd HH:mm} 公开"
            : "已发布";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct)
    {
        var (outcome, _) = await status.UnpublishAsync(id, ct);
        TempData["Message"] = outcome == ChangeArticleStatus.Outcome.Done ? "已下线" : "未能下线:文章不存在或尚未发布";
        return RedirectToPage();
    }
}
