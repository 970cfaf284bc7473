using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>An article as the public page shows it, whatever its state (draft, scheduled): for editors only, never counted or cached.</summary>
[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class PreviewModel(LegalDbContext db, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public ArticleDto Article { get; private set; } = null!;
    public string State { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return NotFound();
        var township = townships.Current;
        Article = article.ToDto(township);
        State = article.IsPublicAt(clock.GetUtcNow().UtcDateTime) ? "文章已公开。"
            : article.IsPublished ? $"文章定时发布,将于 {TownshipTime.ToLocal(township, article.PublishedAt!.Value):yyyy-MM-dd HH:mm} 公开。"
            : "文章是草稿,公众看不到。";
        return Page();
    }
}
