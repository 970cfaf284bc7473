using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Pages;

/// <summary>An article. Not output-cached: every view is counted.</summary>
public sealed class DetailModel(LegalDbContext db, ITownshipAccessor townships, TimeProvider clock) : PageModel
{
    public Township Township => townships.Current;
    public ArticleDto Article { get; private set; } = null!;
    public IReadOnlyList<ArticleListItem> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = await ArticleQueries.Published(db, now).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return NotFound();
        // One conditional update per view: concurrent readers never lose a count.
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
        article.ViewCount++;
        Article = article.ToDto(Township);
        Related = [.. (await ArticleQueries.RelatedAsync(db, article, 5, now, ct)).Select(a => a.ToListItem(Township))];
        return Page();
    }
}
