using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Fields;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>
/// An article as the public page shows it, whatever its state (draft, scheduled): for editors only, never counted or cached.
/// <c>?version=n</c> shows an old version as it was saved: title, body, field values, category, tags, audience and cover.
/// </summary>
[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class PreviewModel(LegalDbContext db, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public ArticleDto Article { get; private set; } = null!;
    public string State { get; private set; } = "";
    public int? Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? version, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return NotFound();
        var township = townships.Current;
        if (version is { } number && number != article.Version)
        {
            var old = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ArticleId == id && v.Number == number, ct);
            if (old is null) return NotFound();
            Version = number;
            // The old version in the article's shape; what it did not keep (older versions) shows as it is now.
            article.Title = old.Title;
            article.Body = old.Format == ArticleFormats.Html ? ArticleBodies.Sanitize(old.Body) : old.Body;
            article.Format = old.Format;
            if (old.Category is not null)
            {
                article.Category = old.Category;
                article.Audience = old.Audience;
                article.CoverImage = old.CoverImage;
            }
            if (old.Tags is not null) article.Tags = old.Tags;
            if (old.Fields is not null) article.Fields = old.Fields;
            State = $"这是第 {number} 版({TownshipTime.ToLocal(township, old.SavedAt):yyyy-MM-dd HH:mm} 由 {old.SavedBy ?? "未知"} 保存),当前为第 {article.Version} 版。";
        }
        else
        {
            State = article.IsPublicAt(clock.GetUtcNow().UtcDateTime) ? "文章已公开。"
                : article.IsPublished ? $"文章定时发布,将于 {TownshipTime.ToLocal(township, article.PublishedAt!.Value):yyyy-MM-dd HH:mm} 公开。"
                : "文章是草稿,公众看不到。";
        }
        var defined = await db.FieldDefinitions.AsNoTracking().Where(f => f.Kind == article.Kind).OrderBy(f => f.Order).ThenBy(f => f.Id)
            .Select(f => new { f.Name, f.Label }).ToListAsync(ct);
        Article = article.ToDto(township) with { Fields = FieldLabels.Shown(defined.Select(f => (f.Name, f.Label)), article.Fields) };
        return Page();
    }
}
